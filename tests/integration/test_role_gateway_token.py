"""Role runbeam.cloud.gateway_token: real ansible-playbook runs against the emulator.

Two Harmony "hosts" on a local connection, each writing under tmp_path, owned
by the user running the tests (so they pass unprivileged too).
"""

import grp
import json
import os
import pwd
import stat

import pytest
import yaml

CODES = {'lon': 'edge-lon-01', 'nyc': 'edge-nyc-01'}
AUTHORIZE = '/api/harmony/authorize'


def _inventory(tmp_path):
    hosts = {}
    for name, code in CODES.items():
        hosts[name] = {
            'runbeam_code': code,
            'runbeam_token_file': str(tmp_path / name / 'etc/harmony/runbeam-machine-token.json'),
            'runbeam_env_file': str(tmp_path / name / 'etc/harmony/runbeam.env'),
        }
    inventory = {'harmony': {'hosts': hosts, 'vars': {
        'ansible_connection': 'local',
        'runbeam_token_owner': pwd.getpwuid(os.getuid()).pw_name,
        'runbeam_token_group': grp.getgrgid(os.getgid()).gr_name,
        'runbeam_token_dir': str(tmp_path / 'controller' / 'tokens'),
        'runbeam_restart_harmony': False,
    }}}
    path = tmp_path / 'inventory.yml'
    path.write_text(yaml.safe_dump(inventory))
    return str(path)


def _plays(extra_vars=None):
    """The role, plus a test-only handler on the role's topic that records the notification."""
    return [{
        'name': 'Machine tokens',
        'hosts': 'harmony',
        'gather_facts': False,
        'vars': dict(extra_vars or {}),
        'roles': [{'role': 'runbeam.cloud.gateway_token'}],
        'handlers': [{
            'name': 'Record the notification',
            'ansible.builtin.set_fact': {'notified_restart': True},
            'listen': 'runbeam machine token changed',
        }],
        'post_tasks': [{
            'name': 'Show state',
            'ansible.builtin.debug': {'msg': {
                'changed': '{{ runbeam_token_changed }}',
                'notified': '{{ notified_restart | default(false) }}',
            }},
        }],
    }]


def _connection(emu):
    return {'RUNBEAM_URL': emu.origin, 'RUNBEAM_TOKEN': emu.sanctum_token}


def _payload(tmp_path, name):
    return json.loads((tmp_path / name / 'etc/harmony/runbeam-machine-token.json').read_text())


def _mode(path):
    return stat.S_IMODE(os.stat(str(path)).st_mode)


def _recap(run, host):
    line = [x for x in run.stdout.splitlines() if x.startswith(host + ' ') and 'ok=' in x]
    assert line, run.output
    return dict(part.split('=') for part in line[-1].split(':', 1)[1].split())


def _secrets(emu, tmp_path):
    tokens = [emu.sanctum_token]
    for name in CODES:
        path = tmp_path / name / 'etc/harmony/runbeam-machine-token.json'
        if path.exists():
            tokens.append(_payload(tmp_path, name)['machine_token'])
    return tokens


def test_first_run_delivers_then_second_run_changes_nothing(ansible, emu, tmp_path):
    inventory = _inventory(tmp_path)
    first = ansible.playbook(_plays(), inventory=inventory, args=['--diff'], env=_connection(emu))
    assert first.rc == 0, first.output
    assert len(emu.requests('POST', AUTHORIZE)) == 2

    for name, code in CODES.items():
        payload = _payload(tmp_path, name)
        gateway = emu.store.gateway_by_code(code)
        assert payload['gateway_code'] == code
        assert payload['gateway_id'] == gateway['id']
        assert payload['machine_token'] and payload['expires_at']
        controller = tmp_path / 'controller' / 'tokens' / (code + '.json')
        assert json.loads(controller.read_text()) == payload
        assert _mode(controller) == 0o600
        assert _mode(tmp_path / 'controller' / 'tokens') == 0o700

        token_file = tmp_path / name / 'etc/harmony/runbeam-machine-token.json'
        env_file = tmp_path / name / 'etc/harmony/runbeam.env'
        assert _mode(token_file) == 0o600 and _mode(env_file) == 0o600
        assert os.stat(str(token_file)).st_uid == os.getuid()
        assigned = [line for line in env_file.read_text().splitlines() if not line.startswith('#')]
        assert len(assigned) == 1
        name_, _equals, value = assigned[0].partition('=')
        assert name_ == 'RUNBEAM_MACHINE_TOKEN'
        assert value.startswith("'") and value.endswith("'") and value.count("'") == 2
        assert '\\' not in value
        assert json.loads(value[1:-1]) == payload

        assert _recap(first, name)['changed'] != '0'
        shown = first.task('Show state', host=name)['msg']
        assert shown == {'changed': True, 'notified': True}

    emu.clear_log()
    second = ansible.playbook(_plays(), inventory=inventory, args=['--diff'], env=_connection(emu))
    assert second.rc == 0, second.output
    assert emu.requests('POST', AUTHORIZE) == []
    for name in CODES:
        assert _recap(second, name)['changed'] == '0', second.output
        assert second.task('Show state', host=name)['msg'] == {'changed': False, 'notified': False}
        assert _payload(tmp_path, name) == json.loads(
            (tmp_path / 'controller' / 'tokens' / (CODES[name] + '.json')).read_text())


def test_tokens_never_shown_at_vvv(ansible, emu, tmp_path):
    inventory = _inventory(tmp_path)
    run = ansible.playbook(_plays(), inventory=inventory, args=['-vvv', '--diff'], env=_connection(emu))
    assert run.rc == 0, run.output
    secrets = _secrets(emu, tmp_path)
    assert len(secrets) == 3
    for secret in secrets:
        assert secret not in run.output
    # Renewing (force) and a run with the token passed as a variable show nothing either.
    forced = ansible.playbook(_plays({'runbeam_force_renew': True, 'runbeam_url': emu.origin,
                                      'runbeam_token': emu.jwt()}),
                              inventory=inventory, args=['-vvv', '--diff'])
    assert forced.rc == 0, forced.output
    for secret in _secrets(emu, tmp_path) + secrets:
        assert secret not in forced.output
    assert len(emu.requests('POST', AUTHORIZE)) == 4


def test_renews_near_expiry_and_redelivers(ansible, emu, tmp_path):
    inventory = _inventory(tmp_path)
    assert ansible.playbook(_plays(), inventory=inventory, env=_connection(emu)).rc == 0
    before = _payload(tmp_path, 'lon')
    emu.clear_log()
    # Machine tokens live 30 days: asking for 31 days of margin renews them.
    run = ansible.playbook(_plays({'runbeam_renew_before': 31}), inventory=inventory, env=_connection(emu))
    assert run.rc == 0, run.output
    assert len(emu.requests('POST', AUTHORIZE)) == 2
    after = _payload(tmp_path, 'lon')
    assert after['machine_token'] != before['machine_token']
    assert run.task('Show state', host='lon')['msg'] == {'changed': True, 'notified': True}


def test_check_mode_first_run_writes_nothing(ansible, emu, tmp_path):
    inventory = _inventory(tmp_path)
    run = ansible.playbook(_plays(), inventory=inventory, args=['--check'], env=_connection(emu))
    assert run.rc == 0, run.output
    assert emu.requests('POST', AUTHORIZE) == []
    assert not (tmp_path / 'lon').exists()


def test_authorization_refused_fails_without_touching_files(ansible, emu, tmp_path):
    inventory = _inventory(tmp_path)
    env = {'RUNBEAM_URL': emu.origin, 'RUNBEAM_TOKEN': emu.other_sanctum_token}  # team B: 403
    run = ansible.playbook(_plays(), inventory=inventory, env=env)
    assert run.rc != 0
    assert '403' in run.output
    assert emu.other_sanctum_token not in run.output
    assert not (tmp_path / 'lon').exists()


@pytest.mark.parametrize('value', ["it's", 'back\\slash'])
def test_unquotable_payload_is_refused(ansible, emu, tmp_path, value):
    """A payload systemd could not read back from a single-quoted value fails the host, shown without the token."""
    inventory = _inventory(tmp_path)
    token_dir = tmp_path / 'controller' / 'tokens'
    token_dir.mkdir(parents=True)
    payload = emu.issue_machine_token('edge-lon-01')
    payload['abilities'] = [value]
    path = token_dir / 'edge-lon-01.json'
    path.write_text(json.dumps(payload))
    path.chmod(0o600)
    run = ansible.playbook(_plays(), inventory=inventory, args=['--limit', 'lon'], env=_connection(emu))
    assert run.rc != 0
    assert 'cannot be written' in run.output
    assert payload['machine_token'] not in run.output
    assert not (tmp_path / 'lon' / 'etc/harmony/runbeam.env').exists()
