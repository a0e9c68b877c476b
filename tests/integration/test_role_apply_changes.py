"""Role runbeam.cloud.apply_changes: real ansible-playbook runs against the emulator."""

import json
import os

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
TASKS = os.path.join(HERE, 'roles', 'apply_change_tasks.yml')
ROLE = 'runbeam.cloud.apply_changes : '
CODES = {'lon': 'edge-lon-01', 'nyc': 'edge-nyc-01'}


def _setup(emu, tmp_path):
    """Payloads on the "controller" as gateway_token keeps them, and an inventory of two local hosts."""
    token_dir = tmp_path / 'controller' / 'tokens'
    token_dir.mkdir(parents=True)
    tokens = {}
    for name, code in CODES.items():
        payload = emu.issue_machine_token(code)
        tokens[name] = payload['machine_token']
        path = token_dir / (code + '.json')
        path.write_text(json.dumps(payload))
        path.chmod(0o600)
    inventory = {'harmony': {
        'hosts': {name: {'runbeam_code': code, 'seen_file': str(tmp_path / (name + '-seen.txt'))}
                  for name, code in CODES.items()},
        'vars': {'ansible_connection': 'local', 'runbeam_token_dir': str(token_dir), 'runbeam_url': emu.origin},
    }}
    path = tmp_path / 'inventory.yml'
    path.write_text(yaml.safe_dump(inventory))
    return str(path), tokens


def _plays(**role_vars):
    role_vars.setdefault('runbeam_apply_changes_tasks', TASKS)
    return [{
        'name': 'Apply changes',
        'hosts': 'harmony',
        'gather_facts': False,
        'roles': [{'role': 'runbeam.cloud.apply_changes', 'vars': role_vars}],
        'post_tasks': [{'name': 'Show result', 'ansible.builtin.debug': {'var': 'runbeam_apply_changes_result'}}],
    }]


def _pending(emu, code):
    gateway = emu.store.gateway_by_code(code)
    return [c for c in emu.changes if c['gateway_id'] == gateway['id'] and c['status'] == 'pending']


def _add_backend_change(emu, code):
    gateway = emu.store.gateway_by_code(code)
    backend = [b for b in emu.backends if b['gateway_id'] == gateway['id']][0]
    return emu.add_change(gateway['id'], resource_type='backend', resource_id=backend['id'],
                          payload={'url': 'http://new.internal:8080'})


def test_failed_change_is_reported_and_the_others_applied(ansible, emu, tmp_path):
    inventory, tokens = _setup(emu, tmp_path)
    bad = _add_backend_change(emu, 'edge-lon-01')
    lon = [c['id'] for c in _pending(emu, 'edge-lon-01')]
    nyc = [c['id'] for c in _pending(emu, 'edge-nyc-01')]
    assert bad['id'] in lon and len(lon) == 4 and len(nyc) == 3
    emu.clear_log()

    run = ansible.playbook(_plays(fail_change_id=bad['id']), inventory=inventory, args=['-vvv'])
    assert run.rc == 0, run.output

    by_id = {c['id']: c for c in emu.changes}
    assert by_id[bad['id']]['status'] == 'failed'
    message = 'backend %s rejected: upstream unreachable' % bad['resource_id']
    assert by_id[bad['id']]['error'] == message
    assert emu.store.change_details[bad['id']] == ['task: Push the backend to Harmony']
    for change_id in lon + nyc:
        if change_id != bad['id']:
            assert by_id[change_id]['status'] == 'applied', change_id

    # One acknowledge call per gateway, holding every queued id; the user's tasks saw them acknowledged.
    acks = emu.requests('POST', '/api/gateway/changes/acknowledge')
    assert len(acks) == 2
    seen = (tmp_path / 'lon-seen.txt').read_text().splitlines()
    assert sorted(line.split()[0] for line in seen) == sorted(lon)
    assert all(line.endswith(' acknowledged') for line in seen)
    assert (bad['id'] + ' backend acknowledged') in seen

    result = run.task('Show result', host='lon')['runbeam_apply_changes_result']
    assert sorted(result['applied']) == sorted(i for i in lon if i != bad['id'])
    assert result['failed'] == [{'id': bad['id'], 'error': message}]
    result = run.task('Show result', host='nyc')['runbeam_apply_changes_result']
    assert sorted(result['applied']) == sorted(nyc) and result['failed'] == []

    summary = run.task(ROLE + 'Summarise the changes', host='lon')['msg']
    assert summary[0] == 'Gateway edge-lon-01: 4 change(s), 3 applied, 1 failed'
    assert summary[1] == '%s failed: %s' % (bad['id'], message)
    for token in tokens.values():
        assert token not in run.output

    # Nothing is queued any more: a second run acknowledges and reports nothing.
    emu.clear_log()
    again = ansible.playbook(_plays(), inventory=inventory)
    assert again.rc == 0, again.output
    assert emu.requests('POST') == []
    assert again.task('Show result', host='lon')['runbeam_apply_changes_result'] == {'applied': [], 'failed': []}


def test_fail_option_fails_the_play_after_reporting(ansible, emu, tmp_path):
    inventory, _machine_token = _setup(emu, tmp_path)
    bad = _add_backend_change(emu, 'edge-nyc-01')
    others = [c['id'] for c in _pending(emu, 'edge-nyc-01') if c['id'] != bad['id']]

    run = ansible.playbook(_plays(fail_change_id=bad['id'], runbeam_apply_changes_fail=True), inventory=inventory)
    assert run.rc == 2, run.output
    by_id = {c['id']: c for c in emu.changes}
    assert by_id[bad['id']]['status'] == 'failed'
    assert all(by_id[i]['status'] == 'applied' for i in others)
    # lon had nothing failing: it finished; nyc failed on the final check, after the report.
    assert run.task('Show result', host='lon')['runbeam_apply_changes_result']['failed'] == []
    failure = [r for r in run.results if r['task'] == ROLE + 'Fail when a change failed' and r['host'] == 'nyc']
    assert [r['status'] for r in failure] == ['failed'] and bad['id'] in failure[0]['result']['msg']
    assert run.task(ROLE + 'Summarise the changes', host='nyc')['msg'][0].endswith('1 failed')


def test_explicit_machine_token_and_no_changes(ansible, emu, tmp_path):
    """runbeam_machine_token given by the caller; a gateway with nothing queued reports empty lists."""
    inventory, tokens = _setup(emu, tmp_path)
    for change in emu.changes:
        change['status'] = 'applied'
    run = ansible.playbook(_plays(runbeam_machine_token=tokens['lon'], runbeam_token_dir='/nonexistent'),
                           inventory=inventory, args=['--limit', 'lon'])
    assert run.rc == 0, run.output
    assert run.task('Show result', host='lon')['runbeam_apply_changes_result'] == {'applied': [], 'failed': []}
    assert emu.requests('POST') == []


def test_check_mode_reports_nothing(ansible, emu, tmp_path):
    inventory, _machine_token = _setup(emu, tmp_path)
    pending = {c['id'] for c in _pending(emu, 'edge-lon-01')}
    run = ansible.playbook(_plays(), inventory=inventory, args=['--check', '--limit', 'lon'])
    assert run.rc == 0, run.output
    assert emu.requests('POST') == []
    assert {c['id'] for c in _pending(emu, 'edge-lon-01')} == pending
