"""runbeam_change logic: planning rules without HTTP, then read/apply against the emulator."""

import pytest

from ansible_collections.runbeam.cloud.plugins.module_utils import _change
from ansible_collections.runbeam.cloud.plugins.module_utils._client import RunbeamClient


def known(**statuses):
    return dict((change_id, {'id': change_id, 'status': status}) for change_id, status in statuses.items())


def params(ids, state, error=None, details=None, discover=False):
    return dict(ids=ids, state=state, error=error, details=details, discover=discover)


# -- planning --------------------------------------------------------------------

def test_unique_keeps_the_first_occurrence():
    assert _change.unique(['b', 'a', 'b', 'c', 'a']) == ['b', 'a', 'c']


def test_unknown_ids_fail_the_plan_and_are_named():
    with pytest.raises(_change.ChangePlanError, match='Unknown change id.*: x, y. Nothing was changed'):
        _change.plan(['a', 'x', 'y'], known(a='pending'), 'acknowledged')


def test_a_final_state_cannot_become_another():
    with pytest.raises(_change.ChangePlanError, match='Cannot move to failed: a is applied'):
        _change.plan(['a', 'b'], known(a='applied', b='pending'), 'failed')


def test_an_acknowledged_change_cannot_go_back_to_pending_nor_an_applied_to_acknowledged():
    with pytest.raises(_change.ChangePlanError, match='a is applied'):
        _change.plan(['a'], known(a='applied'), 'acknowledged')


def test_acknowledge_skips_what_is_already_acknowledged():
    plan = _change.plan(['a', 'b'], known(a='pending', b='acknowledged'), 'acknowledged')
    assert (plan.acknowledge, plan.mark, plan.changed_ids) == (['a'], [], ['a'])


def test_applied_acknowledges_pending_first_and_marks_every_mover():
    plan = _change.plan(['a', 'b', 'c'], known(a='pending', b='acknowledged', c='applied'), 'applied')
    assert (plan.acknowledge, plan.mark, plan.changed_ids) == (['a'], ['a', 'b'], ['a', 'b'])


def test_nothing_to_do_when_every_id_is_there_already():
    plan = _change.plan(['a', 'b'], known(a='failed', b='failed'), 'failed')
    assert (plan.acknowledge, plan.mark, plan.changed_ids) == ([], [], [])


def test_an_unheard_of_status_counts_as_final():
    with pytest.raises(_change.ChangePlanError, match='a is superseded'):
        _change.plan(['a'], known(a='superseded'), 'applied')


def test_after_moves_sets_the_error_of_a_failed_change_only():
    change = {'id': 'a', 'status': 'acknowledged', 'error': None}
    assert _change.after_moves(change, 'failed', 'boom') == {'id': 'a', 'status': 'failed', 'error': 'boom'}
    assert _change.after_moves(change, 'applied', 'boom') == {'id': 'a', 'status': 'applied', 'error': None}
    assert change['status'] == 'acknowledged'


@pytest.mark.parametrize('values, message', [
    (params(['a', ' '], 'applied'), 'no id may be empty'),
    (params([], 'applied'), 'at least one change'),
    (params(['a'], 'failed', error=' '), 'error must say why'),
])
def test_check_params(values, message):
    assert message in _change.check_params(values)


def test_error_and_details_are_flagged_unless_failed():
    assert _change.ignored_options(params(['a'], 'applied', error='e', details=['d'])) == ['error', 'details']
    assert _change.ignored_options(params(['a'], 'failed', error='e', details=['d'])) == []


# -- against the emulator ------------------------------------------------------------

@pytest.fixture
def gateway(emu):
    """(client with edge-lon-01's machine token, its change ids by seeded status)."""
    issued = emu.issue_machine_token('edge-lon-01')
    ids = {}
    for change in emu.changes:
        if change['gateway_id'] == issued['gateway_id']:
            ids.setdefault(change['status'], []).append(change['id'])
    return RunbeamClient(emu.origin, issued['machine_token'], retries=0), ids


def test_read_changes_sweeps_once_then_gets_only_what_the_sweep_missed(emu, gateway):
    client, ids = gateway
    wanted = ids['pending'][:1] + ids['applied'] + ['no-such-change']
    emu.clear_log()
    found = _change.read_changes(client, wanted)
    assert sorted(found) == sorted(ids['pending'][:1] + ids['applied'])
    assert [(e['method'], e['path']) for e in emu.log] == [
        ('GET', '/api/gateway/changes'), ('GET', '/api/gateway/changes/no-such-change')]
    assert emu.log[0]['query']['status'] == 'pending,acknowledged,applied,failed'


def test_move_acknowledges_in_one_request_and_marks_each(emu, gateway):
    client, ids = gateway
    wanted = ids['pending'] + ids['acknowledged']
    emu.clear_log()
    result = _change.move(client, params(wanted, 'failed', error='boom', details=['line']), check_mode=False)
    assert result['changed'] is True and result['changed_ids'] == wanted
    assert [c['status'] for c in result['changes']] == ['failed'] * len(wanted)
    assert [c['error'] for c in result['changes']] == ['boom'] * len(wanted)
    posts = emu.requests('POST')
    assert [e['path'] for e in posts][0] == '/api/gateway/changes/acknowledge'
    assert len(posts) == 1 + len(wanted)
    assert len(emu.requests('GET', '/api/gateway/changes/*')) == 0  # the POST answers carried the changes
    again = _change.move(client, params(wanted, 'failed', error='boom'), check_mode=False)
    assert again['changed'] is False and again['changed_ids'] == [] and len(emu.requests('POST')) == len(posts)


def test_check_mode_reports_the_moves_and_posts_nothing(emu, gateway):
    client, ids = gateway
    result = _change.move(client, params(ids['pending'], 'applied'), check_mode=True)
    assert result['changed_ids'] == ids['pending'] and {c['status'] for c in result['changes']} == {'applied'}
    assert emu.requests('POST') == []
    assert {c['status'] for c in emu.changes if c['id'] in ids['pending']} == {'pending'}


def test_a_failure_after_some_moves_reports_them(emu, gateway):
    client, ids = gateway
    emu.inject(status=500, path='/api/gateway/changes/%s/applied' % ids['pending'][1])
    with pytest.raises(_change.PartialChangeError) as caught:
        _change.move(client, params(ids['pending'], 'applied'), check_mode=False)
    details = caught.value.details()
    # All were acknowledged (they moved) before the second one failed to be marked applied.
    assert details['changed'] is True and details['changed_ids'] == ids['pending'] and details['status'] == 500
    assert 'HTTP 500' in caught.value.message and 'already moved before this failure' in caught.value.message
    assert [c['status'] for c in emu.changes if c['id'] in ids['pending']] == ['applied', 'acknowledged', 'acknowledged']
