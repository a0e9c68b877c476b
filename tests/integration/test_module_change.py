"""runbeam.cloud.runbeam_change in real ansible-playbook runs against the emulator."""


import pytest

from helpers import failing, play, secret_vars


def change(name, **options):
    return {'name': name, 'runbeam.cloud.runbeam_change': options}


@pytest.fixture
def lon(emu):
    """edge-lon-01's machine token, connection environment and change ids by seeded status."""
    issued = emu.issue_machine_token('edge-lon-01')
    ids = {}
    for item in emu.changes:
        if item['gateway_id'] == issued['gateway_id']:
            ids.setdefault(item['status'], []).append(item['id'])
    env = {'RUNBEAM_URL': emu.origin, 'RUNBEAM_TOKEN': issued['machine_token']}
    return issued['machine_token'], env, ids


def statuses(emu, ids):
    by_id = dict((item['id'], item) for item in emu.changes)
    return [by_id[i]['status'] for i in ids]


def test_life_cycle_changes_once_then_is_idempotent(ansible, emu, lon):
    token, env, ids = lon
    first, second, third = ids['pending']
    tasks = [
        dict(change('check acknowledge', ids=[first, second], state='acknowledged'), check_mode=True),
        change('acknowledge', ids=[first, second, first], state='acknowledged'),
        change('acknowledge again', ids=[first, second], state='acknowledged'),
        change('apply', id=first, state='applied'),
        change('apply again', id=first, state='applied'),
        change('fail pending and acknowledged', ids=[second, third], state='failed', error='does not validate', details=['line 1']),
        change('fail again', ids=[second, third], state='failed', error='does not validate'),
    ]
    run = ansible.playbook(play(tasks), args=['-vvvv', '--diff'], env=env)
    assert run.rc == 0, run.output

    check = run.task('check acknowledge')
    assert check['changed'] is True and check['changed_ids'] == [first, second]
    assert [c['status'] for c in check['changes']] == ['acknowledged', 'acknowledged']
    assert run.task('acknowledge')['changed_ids'] == [first, second]
    assert [c['id'] for c in run.task('acknowledge')['changes']] == [first, second]
    assert run.task('acknowledge again')['changed'] is False and run.task('acknowledge again')['changed_ids'] == []
    assert run.task('apply')['changed_ids'] == [first] and run.task('apply')['changes'][0]['status'] == 'applied'
    assert run.task('apply again')['changed'] is False
    failed = run.task('fail pending and acknowledged')
    assert failed['changed_ids'] == [second, third]
    assert [(c['status'], c['error']) for c in failed['changes']] == [('failed', 'does not validate')] * 2
    assert run.task('fail again')['changed'] is False

    assert statuses(emu, [first, second, third]) == ['applied', 'failed', 'failed']
    assert emu.store.change_details[second] == ['line 1']
    posts = [e['path'].rsplit('/', 1)[-1] for e in emu.requests('POST')]
    # acknowledge [first, second]; applied first; acknowledge [third]; failed second, third. No more.
    assert posts == ['acknowledge', 'applied', 'acknowledge', 'failed', 'failed']
    assert 'Traceback (most recent call last)' not in run.output and token not in run.output


def test_refusals_happen_before_any_post(ansible, emu, lon):
    token, env, ids = lon
    tasks = [
        failing(change('unknown', ids=[ids['pending'][0], 'no-such-change', 'other-missing'], state='applied')),
        failing(change('final', ids=[ids['pending'][0], ids['applied'][0]], state='failed', error='late')),
        failing(change('no error', id=ids['pending'][0], state='failed')),
        failing(change('empty error', id=ids['pending'][0], state='failed', error='  ')),
        failing(change('bad state', id=ids['pending'][0], state='done')),
        change('warns', id=ids['acknowledged'][0], state='acknowledged', error='ignored'),
    ]
    run = ansible.playbook(play(tasks), env=env)
    assert run.rc == 0, run.output
    assert run.task('unknown')['msg'] == 'Unknown change id(s) for this gateway: no-such-change, other-missing. Nothing was changed.'
    assert run.task('final')['msg'] == 'Cannot move to failed: %s is applied (a final state). Nothing was changed.' % ids['applied'][0]
    assert run.task('no error')['msg'] == 'state is failed but all of the following are missing: error'
    assert run.task('empty error')['msg'] == 'error must say why the changes failed (it is empty).'
    assert 'value of state must be one of: acknowledged, applied, failed' in run.task('bad state')['msg']
    assert run.task('warns')['changed'] is False
    assert 'error is used with state=failed only; it was ignored.' in run.output
    assert emu.requests('POST') == []
    assert statuses(emu, ids['pending']) == ['pending'] * 3
    assert 'Traceback (most recent call last)' not in run.output and token not in run.output


def test_a_failure_midway_reports_what_moved(ansible, emu, lon):
    token, env, ids = lon
    emu.inject(status=503, count=None, path='/api/gateway/changes/%s/applied' % ids['pending'][1])
    run = ansible.playbook(play([change('apply all', ids=ids['pending'], state='applied', retries=0)]), env=env)
    assert run.rc != 0
    result = run.task('apply all')
    assert result['changed'] is True and result['changed_ids'] == ids['pending'] and result['status'] == 503
    assert 'HTTP 503' in result['msg'] and 'already moved before this failure' in result['msg']
    assert statuses(emu, ids['pending']) == ['applied', 'acknowledged', 'acknowledged']
    assert 'Traceback (most recent call last)' not in run.output and token not in run.output


def test_wrong_tokens_fail_clearly(ansible, emu, lon, tmp_path):
    token, env, ids = lon
    tasks = [
        failing(change('user token', id=ids['pending'][0], state='acknowledged', token='{{ user_token }}')),
        failing(change('revoked', id=ids['pending'][0], state='acknowledged', token='{{ unknown_machine_token }}')),
        change('discovered', id=ids['pending'][0], state='acknowledged', discover=True),
    ]
    emu.base_url = emu.origin + '/queue/api'
    try:
        args = ['-vvvv'] + secret_vars(tmp_path, user_token=emu.sanctum_token, unknown_machine_token='mt_revokedOrNeverIssued')
        run = ansible.playbook(play(tasks), args=args, env=env)
    finally:
        emu.base_url = emu.api
    assert run.rc == 0, run.output
    assert 'HTTP 403 Forbidden: This action requires a gateway machine token.' in run.task('user token')['msg']
    assert 'HTTP 401 Unauthorized' in run.task('revoked')['msg']
    assert run.task('discovered')['changed_ids'] == ids['pending'][:1]
    assert emu.requests('POST', '/queue/api/gateway/changes/acknowledge')
    assert 'Traceback (most recent call last)' not in run.output
    for secret in (token, emu.sanctum_token, 'mt_revokedOrNeverIssued'):
        assert secret not in run.output
