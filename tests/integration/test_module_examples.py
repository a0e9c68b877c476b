"""The example playbooks users copy (examples/playbooks/) run as documented against the emulator."""

import os
import stat

from conftest import REPO

EXAMPLES = os.path.join(REPO, 'examples', 'playbooks')


def example(ansible, emu, name, token_dir, *args):
    env = {'RUNBEAM_URL': emu.origin, 'RUNBEAM_TOKEN': emu.sanctum_token}
    with open(os.path.join(EXAMPLES, name)) as handle:
        text = handle.read()
    return ansible.playbook(text, args=['-e', 'runbeam_token_dir=%s' % token_dir] + list(args), env=env)


def assert_clean(run, emu):
    assert run.rc == 0, run.output
    assert 'Traceback (most recent call last)' not in run.output and '[WARNING]' not in run.output
    for secret in [emu.sanctum_token] + list(emu.tokens.machine):
        assert secret not in run.output


def test_authorize_then_list_then_process_changes(ansible, emu, tmp_path):
    token_dir = tmp_path / 'tokens'
    first = example(ansible, emu, 'authorize_gateway.yml', token_dir)
    second = example(ansible, emu, 'authorize_gateway.yml', token_dir)
    listed = example(ansible, emu, 'list_gateways.yml', token_dir, '-e', 'gateway_code=edge-nyc-01')
    processed = example(ansible, emu, 'process_changes.yml', token_dir)
    for run in (first, second, listed, processed):
        assert_clean(run, emu)

    authorize = 'Authorize the gateway and keep its machine token in %s' % token_dir
    assert first.task(authorize)['changed'] is True and second.task(authorize)['changed'] is False
    assert stat.S_IMODE(os.stat(str(token_dir / 'edge-lon-01.json')).st_mode) == 0o600
    assert len(emu.requests('POST', '/api/harmony/authorize')) == 1
    assert 'edge-nyc-01 runs orders, catalog' in listed.stdout
    assert processed.task('Summary')['msg'] == '3 change(s) reported applied.'
    lon = [c for c in emu.changes if c['gateway_id'] == first.task(authorize)['gateway']['id']]
    assert sorted(c['status'] for c in lon) == ['acknowledged', 'applied', 'applied', 'applied', 'applied']
