"""The example playbooks users copy (examples/playbooks/) run as documented against the emulator."""

import grp
import os
import pathlib
import pwd
import re
import stat

import yaml

from helpers import REPO

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


def test_harmony_fleet_runs_both_roles_then_changes_nothing(ansible, emu, tmp_path):
    hosts = tmp_path / 'hosts'
    inventory = tmp_path / 'harmony_hosts.yml'
    inventory.write_text(yaml.safe_dump({'harmony': {
        'hosts': {'edge-nyc-01': {}, 'edge-sfo-01': {}},
        'vars': {
            'ansible_connection': 'local',
            'runbeam_token_dir': str(tmp_path / 'tokens'),
            'runbeam_token_file': str(hosts) + '/{{ inventory_hostname }}/token.json',
            'runbeam_env_file': str(hosts) + '/{{ inventory_hostname }}/runbeam.env',
            'runbeam_token_owner': pwd.getpwuid(os.getuid()).pw_name,
            'runbeam_token_group': grp.getgrgid(os.getgid()).gr_name,
            'runbeam_restart_harmony': False,
        },
    }}))
    env = {'RUNBEAM_URL': emu.origin, 'RUNBEAM_TOKEN': emu.sanctum_token}
    playbook = pathlib.Path(EXAMPLES) / 'harmony_fleet.yml'
    first = ansible.playbook(playbook, env=env, inventory=str(inventory))
    second = ansible.playbook(playbook, env=env, inventory=str(inventory))
    for run in (first, second):
        assert_clean(run, emu)
    assert len(re.findall(r'changed=[1-9]', first.stdout)) == 2
    assert len(re.findall(r': ok=\d+ +changed=0 ', second.stdout)) == 2
    for host in ('edge-nyc-01', 'edge-sfo-01'):
        assert stat.S_IMODE(os.stat(str(hosts / host / 'token.json')).st_mode) == 0o600
        queue = [c for c in emu.changes if c['gateway_id'] == emu.store.gateway_by_code(host)['id']]
        assert queue and all(c['status'] == 'applied' for c in queue)
    assert len(emu.requests('POST', '/api/harmony/authorize')) == 2
