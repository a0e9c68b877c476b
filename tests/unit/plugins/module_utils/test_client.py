"""RunbeamClient against the emulator over real HTTP(S): one test per API call, and the URL rules."""

import pytest

from ansible_collections.runbeam.cloud.plugins.module_utils._client import RunbeamClient
from ansible_collections.runbeam.cloud.plugins.module_utils._errors import (
    RunbeamConfigError,
    RunbeamForbiddenError,
    RunbeamNotFoundError,
    RunbeamUnauthorizedError,
    RunbeamValidationError,
)


def client(emu, token=None, **kwargs):
    kwargs.setdefault('retries', 0)
    return RunbeamClient(emu.origin, token or emu.sanctum_token, **kwargs)


def team_a(rows, emu):
    return [row for row in rows if row['team_id'] == emu.team_a['id']]


def machine_client(emu, code='edge-lon-01'):
    return client(emu, emu.issue_machine_token(code)['machine_token'])


def test_url_comes_from_the_jwt_issuer_when_not_given(emu):
    assert RunbeamClient(None, emu.jwt()).base_url == emu.origin


def test_explicit_url_wins_over_the_jwt_issuer(emu):
    assert RunbeamClient('https://other.example.com/prefix/', emu.jwt()).api_url == 'https://other.example.com/prefix/api'


def test_url_is_required_for_a_sanctum_token(emu):
    with pytest.raises(RunbeamConfigError, match='url is required'):
        RunbeamClient(None, emu.sanctum_token)


def test_list_gateways_returns_the_teams_gateways_only(emu):
    rows = client(emu).list_gateways()
    assert sorted(row['code'] for row in rows) == sorted(row['code'] for row in team_a(emu.gateways, emu))


def test_get_gateway_by_code_and_by_id(emu):
    gateway = team_a(emu.gateways, emu)[0]
    api = client(emu)
    assert api.get_gateway(gateway['code'])['id'] == gateway['id']
    assert api.get_gateway(gateway['id'])['code'] == gateway['code']


def test_get_gateway_of_another_team_is_not_found(emu):
    other = [row for row in emu.gateways if row['team_id'] == emu.team_b['id']][0]
    with pytest.raises(RunbeamNotFoundError, match='HTTP 404'):
        client(emu).get_gateway(other['code'])


def test_an_id_cannot_change_the_route(emu):
    with pytest.raises(RunbeamNotFoundError) as caught:
        client(emu).get_gateway('../services')
    assert '/api/gateways/..%2Fservices' in caught.value.route


@pytest.mark.parametrize('method, kind', [
    ('list_services', 'services'), ('list_endpoints', 'endpoints'),
    ('list_backends', 'backends'), ('list_pipelines', 'pipelines'),
])
def test_lists_filter_by_gateway(emu, method, kind):
    gateway_id = team_a(emu.gateways, emu)[0]['id']
    expected = [row['id'] for row in getattr(emu, kind) if row.get('gateway_id') == gateway_id]
    assert expected, 'the seed must give this gateway some %s' % kind
    rows = getattr(client(emu), method)(gateway_id=gateway_id)
    assert sorted(row['id'] for row in rows) == sorted(expected)


def test_filters_hold_even_when_the_server_ignores_them(emu):
    service = team_a(emu.services, emu)[0]
    rows = client(emu).list_endpoints(service_id=service['id'])
    assert rows and all(row['service_id'] == service['id'] for row in rows)


def test_get_service(emu):
    service = team_a(emu.services, emu)[0]
    assert client(emu).get_service(service['id'])['code'] == service['code']


def test_authorize_then_revoke(emu):
    api = client(emu)
    answer = api.authorize_gateway('edge-lon-01', machine_public_key='ssh-ed25519 AAAA', metadata=['rack=4'])
    assert answer['gateway']['code'] == 'edge-lon-01'
    assert answer['machine_token'].startswith('mt_')
    machine = client(emu, answer['machine_token'])
    assert machine.list_changes() is not None
    api.revoke_gateway('edge-lon-01')
    with pytest.raises(RunbeamUnauthorizedError):
        machine.list_changes()


def test_authorize_with_a_jwt_and_no_url(emu):
    answer = RunbeamClient(None, emu.jwt(), retries=0).authorize_gateway('brand-new-gateway')
    assert answer['gateway']['code'] == 'brand-new-gateway'


def test_authorize_another_teams_gateway_is_forbidden(emu):
    other = [row for row in emu.gateways if row['team_id'] == emu.team_b['id']][0]
    with pytest.raises(RunbeamForbiddenError, match='another team'):
        client(emu).authorize_gateway(other['code'])


def test_authorize_validation_error_names_the_field(emu):
    with pytest.raises(RunbeamValidationError) as caught:
        client(emu).authorize_gateway('x' * 256)
    assert 'gateway_code' in caught.value.field_errors
    assert '255' in str(caught.value)


def test_change_queue_lifecycle(emu):
    api = machine_client(emu)
    queued = api.list_changes()
    assert queued and all(row['status'] == 'pending' for row in queued)
    first, second = queued[0]['id'], queued[1]['id']
    api.acknowledge_changes([first, second])
    assert api.get_change(first)['status'] == 'acknowledged'
    api.mark_change_applied(first)
    api.mark_change_failed(second, 'disk full', details=['line 1'])
    assert api.get_change(first)['status'] == 'applied'
    failed = api.get_change(second)
    assert (failed['status'], failed['error']) == ('failed', 'disk full')
    assert {row['id'] for row in api.list_changes(statuses=['applied', 'failed'])} >= {first, second}


def test_change_routes_refuse_a_user_token(emu):
    with pytest.raises(RunbeamForbiddenError, match='machine token'):
        client(emu).list_changes()


def test_discovery_on_the_same_origin(emu):
    api = machine_client(emu)
    assert api.discover_changes_url() == emu.api


def test_discovery_refuses_plain_http_to_another_origin(emu):
    emu.base_url = emu.api.replace('127.0.0.1', 'localhost')
    api = machine_client(emu)
    with pytest.raises(RunbeamConfigError, match='plain http'):
        api.discover_changes_url()
    assert api.changes_url == emu.api


def test_discovery_accepts_https_on_another_origin(emu_tls):
    emu_tls.base_url = emu_tls.api.replace('127.0.0.1', 'localhost')
    api = machine_client(emu_tls)
    api.transport._verify = emu_tls.ca_path
    assert api.discover_changes_url() == emu_tls.base_url
    assert api.list_changes()


def test_jwks_is_fetched_without_the_token(emu):
    client(emu).fetch_jwks(emu.origin)
    assert emu.requests('GET', '/api/.well-known/jwks.json')[-1]['auth'] == 'none'


def test_validate_token_skips_opaque_tokens(emu):
    assert client(emu).validate_token() is None
    assert client(emu, emu.jwt()).validate_token()['sub']
