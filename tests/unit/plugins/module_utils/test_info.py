"""The shared info implementation: the kinds table, filters and picking, then gather() on the emulator."""

import pytest

from ansible_collections.runbeam.cloud.plugins.module_utils import _info
from ansible_collections.runbeam.cloud.plugins.module_utils._client import RunbeamClient
from ansible_collections.runbeam.cloud.plugins.module_utils._errors import RunbeamUnauthorizedError


def params(**values):
    return values


def client(emu, token=None):
    return RunbeamClient(emu.origin, token or emu.sanctum_token, retries=0)


def team_a(emu, kind):
    return [item for item in getattr(emu, kind) if item['team_id'] == emu.team_a['id']]


# -- the table -------------------------------------------------------------------

@pytest.mark.parametrize('kind, options', [
    ('gateway', {'gateway'}),
    ('service', {'service', 'gateway_id'}),
    ('endpoint', {'gateway_id', 'service_id'}),
    ('backend', {'gateway_id', 'service_id'}),
    ('pipeline', {'gateway_id'}),
    ('change', {'change', 'status', 'discover'}),
])
def test_each_kind_has_the_options_of_the_interface(kind, options):
    assert set(_info.KINDS[kind].argument_spec()) == options


def test_change_status_is_a_list_limited_to_the_four_states():
    spec = _info.KINDS['change'].argument_spec()['status']
    assert spec == dict(type='list', elements='str', choices=['pending', 'acknowledged', 'applied', 'failed'])


def test_filters_of_keeps_only_the_set_filters():
    assert _info.filters_of(_info.KINDS['endpoint'], params(gateway_id='g', service_id=None)) == {'gateway_id': 'g'}
    assert _info.filters_of(_info.KINDS['change'], params(change=None, status=['failed'], discover=False)) == {'status': ['failed']}


def test_matches_compares_fields_and_status_lists():
    assert _info.matches({'gateway_id': 'g', 'status': 'failed'}, {'gateway_id': 'g', 'status': ['failed', 'applied']})
    assert not _info.matches({'gateway_id': 'h'}, {'gateway_id': 'g'})
    assert not _info.matches({'status': 'pending'}, {'status': ['failed']})


# -- gather() against the emulator ----------------------------------------------------

@pytest.mark.parametrize('kind', ['gateway', 'service', 'endpoint', 'backend', 'pipeline'])
def test_lists_every_item_of_the_team(emu, kind):
    key = _info.KINDS[kind].result_key
    result = _info.gather(kind, client(emu), params())
    assert result == {'changed': False, key: team_a(emu, key)}


def test_gateway_by_code_and_by_id_and_missing(emu):
    lon = team_a(emu, 'gateways')[0]
    assert _info.gather('gateway', client(emu), params(gateway='edge-lon-01'))['gateways'] == [lon]
    assert _info.gather('gateway', client(emu), params(gateway=lon['id']))['gateways'] == [lon]
    assert _info.gather('gateway', client(emu), params(gateway='no-such-gateway'))['gateways'] == []


def test_another_teams_gateway_is_an_empty_list(emu):
    assert _info.gather('gateway', client(emu), params(gateway='globex-edge-01'))['gateways'] == []


def test_a_picked_service_of_another_gateway_is_filtered_out(emu):
    service = team_a(emu, 'services')[0]
    assert _info.gather('service', client(emu), params(service=service['id'], gateway_id=service['gateway_id']))['services'] == [service]
    assert _info.gather('service', client(emu), params(service=service['id'], gateway_id='other'))['services'] == []


def test_endpoints_of_one_service(emu):
    service = team_a(emu, 'services')[0]
    endpoints = _info.gather('endpoint', client(emu), params(service_id=service['id']))['endpoints']
    assert endpoints and {e['service_id'] for e in endpoints} == {service['id']}
    assert emu.requests('GET', '/api/endpoints')[0]['query']['service_id'] == service['id']


def test_changes_by_status_with_the_base_used(emu):
    token = emu.issue_machine_token('edge-lon-01')['machine_token']
    result = _info.gather('change', client(emu, token), params(status=['acknowledged', 'applied']))
    assert sorted(c['status'] for c in result['changes']) == ['acknowledged', 'applied']
    assert result['base_url'] == emu.api


def test_one_change_by_id_or_none(emu):
    token = emu.issue_machine_token('edge-lon-01')['machine_token']
    change = next(c for c in emu.changes if c['status'] == 'applied')
    assert _info.gather('change', client(emu, token), params(change=change['id']))['changes'] == [change]
    assert _info.gather('change', client(emu, token), params(change=change['id'], status=['pending']))['changes'] == []
    assert _info.gather('change', client(emu, token), params(change='nope'))['changes'] == []


def test_discover_uses_the_base_the_server_names(emu):
    token = emu.issue_machine_token('edge-lon-01')['machine_token']
    emu.base_url = emu.origin + '/changes-api'
    try:
        result = _info.gather('change', client(emu, token), params(discover=True))
    finally:
        emu.base_url = emu.api
    assert result['base_url'] == emu.origin + '/changes-api'
    assert [e['path'] for e in emu.log][-1] == '/changes-api/gateway/changes'


def test_a_bad_token_fails(emu):
    with pytest.raises(RunbeamUnauthorizedError, match='HTTP 401'):
        _info.gather('gateway', client(emu, '1|wrong'), params())
