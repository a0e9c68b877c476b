"""runbeam_gateway_authorize logic: the pure deciding/shaping functions, then authorize()/revoke() on the emulator."""

import datetime
import json
import os
import stat

import pytest

from ansible_collections.runbeam.cloud.plugins.module_utils import _authorize, _tokens
from ansible_collections.runbeam.cloud.plugins.module_utils._client import RunbeamClient
from ansible_collections.runbeam.cloud.plugins.module_utils._errors import (
    RunbeamError,
    RunbeamForbiddenError,
    RunbeamTokenError,
    RunbeamUnauthorizedError,
)
from ansible_collections.runbeam.cloud.plugins.module_utils._timestamps import format_timestamp

NOW = datetime.datetime(2026, 6, 1, 12, 0, 0, tzinfo=datetime.timezone.utc)


def params(**overrides):
    values = dict(gateway_code='edge-lon-01', state='present', machine_public_key=None, metadata=None,
                  token_path=None, renew_before=7, force=False, validate_token=True, return_token=False)
    values.update(overrides)
    return values


def payload(code='edge-lon-01', days=20, token='mt_stored'):
    return {'machine_token': token, 'expires_at': format_timestamp(NOW + datetime.timedelta(days=days)),
            'gateway_id': 'gw-1', 'gateway_code': code, 'abilities': ['harmony:send'], 'issued_at': format_timestamp(NOW)}


def client(emu, token=None):
    return RunbeamClient(emu.origin, token or emu.sanctum_token, retries=0)


def authorize_posts(emu):
    return emu.requests('POST', '/api/harmony/authorize')


# -- pure functions ------------------------------------------------------------

@pytest.mark.parametrize('overrides, message', [
    (dict(gateway_code='x' * 256), 'gateway_code is 256 characters long; Runbeam accepts at most 255.'),
    (dict(gateway_code='  '), 'gateway_code must not be empty.'),
    (dict(renew_before=-1), 'renew_before must be 0 or more days, not -1.'),
])
def test_check_params_names_the_bad_option(overrides, message):
    assert _authorize.check_params(params(**overrides)) == message


def test_check_params_accepts_255_characters():
    assert _authorize.check_params(params(gateway_code='x' * 255)) is None


def test_without_token_path_every_run_authorizes():
    assert 'no token_path' in _authorize.authorization_reason(params(), None, NOW)


def test_a_good_stored_token_is_kept():
    assert _authorize.authorization_reason(params(token_path='/t'), payload(days=20), NOW) is None


def test_force_renews_a_good_stored_token():
    assert _authorize.authorization_reason(params(token_path='/t', force=True), payload(days=20), NOW) == 'force is set'


@pytest.mark.parametrize('stored, reason', [
    (None, 'no valid token payload is stored'),
    (payload(days=3), 'the stored token expires within 7 days'),
    (payload(days=-1), 'the stored token expired at'),
    (payload(code='edge-nyc-01'), 'the stored token belongs to gateway edge-nyc-01'),
])
def test_renewal_reasons(stored, reason):
    assert _authorize.authorization_reason(params(token_path='/t'), stored, NOW).startswith(reason)


@pytest.mark.parametrize('overrides, expected', [
    (dict(), True),
    (dict(return_token=True), True),
    (dict(token_path='/t'), False),
    (dict(token_path='/t', return_token=True), True),
])
def test_returns_token_only_without_token_path_or_when_asked(overrides, expected):
    assert _authorize.returns_token(params(**overrides)) is expected


def test_expires_in_counts_whole_seconds_and_stops_at_zero():
    assert _authorize.expires_in('2026-06-01T12:01:00.500000Z', NOW) == 60
    assert _authorize.expires_in('2026-05-01T00:00:00Z', NOW) == 0
    assert _authorize.expires_in('not a time', NOW) is None


def test_stored_result_comes_from_the_payload_without_the_token():
    result = _authorize.stored_result(params(token_path='/t'), payload(days=10), NOW)
    assert result == {'changed': False, 'expires_at': payload(days=10)['expires_at'], 'expires_in': 10 * 86400,
                      'gateway': {'id': 'gw-1', 'code': 'edge-lon-01'}, 'abilities': ['harmony:send'], 'token_path': '/t'}


def test_stored_result_carries_the_stored_token_when_asked():
    assert _authorize.stored_result(params(token_path='/t', return_token=True), payload(), NOW)['machine_token'] == 'mt_stored'


def test_authorized_result_keeps_the_gateway_fields_and_hides_the_token_with_token_path():
    response = {'machine_token': 'mt_new', 'expires_in': 2592000, 'expires_at': '2026-07-01T12:00:00Z',
                'gateway': {'id': 'gw-1', 'code': 'c', 'name': 'n', 'authorized_by': {'id': 'u'}, 'extra': 1}}
    result = _authorize.authorized_result(params(token_path='/t'), response)
    assert result['gateway'] == {'id': 'gw-1', 'code': 'c', 'name': 'n', 'authorized_by': {'id': 'u'}}
    assert result['abilities'] == [] and 'machine_token' not in result
    assert _authorize.authorized_result(params(), response)['machine_token'] == 'mt_new'


def test_diff_never_shows_a_token():
    diff = _authorize.authorize_diff(payload(token='mt_old'), payload(token='mt_new', days=30))
    assert 'mt_' not in json.dumps(diff)
    assert diff['before'] == {'gateway_code': 'edge-lon-01', 'expires_at': payload()['expires_at']}


# -- authorize() and revoke() against the emulator ------------------------------

def test_authorize_writes_a_0600_payload_then_keeps_it(emu, tmp_path):
    path = str(tmp_path / 'token.json')
    first = _authorize.authorize(client(emu), params(token_path=path), _authorize.Hooks())
    assert first['changed'] is True and 'machine_token' not in first
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    stored = json.loads(open(path).read())
    assert stored['gateway_code'] == 'edge-lon-01' and stored['machine_token'].startswith('mt_')
    second = _authorize.authorize(client(emu), params(token_path=path), _authorize.Hooks())
    assert second['changed'] is False and second['gateway']['id'] == stored['gateway_id']
    assert len(authorize_posts(emu)) == 1


def test_check_mode_posts_nothing_and_writes_nothing(emu, tmp_path):
    path = tmp_path / 'token.json'
    result = _authorize.authorize(client(emu), params(token_path=str(path)), _authorize.Hooks(check_mode=True, diff=True))
    assert result['changed'] is True and not path.exists() and authorize_posts(emu) == []
    assert result['diff'] == {'before': {}, 'after': {'gateway_code': 'edge-lon-01', 'expires_at': _authorize.UNKNOWN_EXPIRY}}


def test_a_failing_jwt_is_never_sent(emu):
    expired = emu.jwt(exp=1)
    with pytest.raises(RunbeamTokenError, match='expired'):
        _authorize.authorize(client(emu, expired), params(), _authorize.Hooks())
    assert emu.requests('POST') == []


def test_a_jwt_is_validated_then_authorizes(emu):
    _tokens.forget_jwks()
    result = _authorize.authorize(RunbeamClient(None, emu.jwt(), retries=0), params(), _authorize.Hooks())
    assert result['machine_token'].startswith('mt_') and result['gateway']['authorized_by']['name'] == 'Ada Admin'
    assert [e['path'] for e in emu.log] == ['/api/.well-known/jwks.json', '/api/harmony/authorize']


def test_a_failed_authorization_leaves_the_file_byte_for_byte(emu, tmp_path):
    path = tmp_path / 'token.json'
    original = b'{"machine_token": "mt_old", "not": "valid payload"}\n'
    path.write_bytes(original)
    with pytest.raises(RunbeamForbiddenError):
        _authorize.authorize(client(emu), params(token_path=str(path), gateway_code='globex-edge-01'), _authorize.Hooks())
    assert path.read_bytes() == original


def test_an_unwritable_token_path_fails_cleanly(emu, tmp_path):
    with pytest.raises(RunbeamError, match='could not be written to .*missing'):
        _authorize.authorize(client(emu), params(token_path=str(tmp_path / 'missing' / 't.json')), _authorize.Hooks())


def test_revoke_revokes_then_removes_the_file(emu, tmp_path):
    path = tmp_path / 'token.json'
    issued = emu.issue_machine_token('edge-lon-01')
    path.write_text(json.dumps(issued))
    result = _authorize.revoke(client(emu), params(state='absent', token_path=str(path)), _authorize.Hooks(diff=True))
    assert result['changed'] is True and result['revoked'] >= 1 and not path.exists()
    assert result['diff']['before']['gateway_code'] == 'edge-lon-01' and issued['machine_token'] not in json.dumps(result)
    with pytest.raises(RunbeamUnauthorizedError):
        client(emu, issued['machine_token']).list_changes()


def test_revoke_with_nothing_left_to_revoke_is_unchanged(emu):
    _authorize.revoke(client(emu), params(state='absent'), _authorize.Hooks())
    result = _authorize.revoke(client(emu), params(state='absent'), _authorize.Hooks())
    assert result == {'changed': False, 'token_path': None, 'revoked': 0}


def test_revoke_of_an_unknown_gateway_is_unchanged(emu):
    assert _authorize.revoke(client(emu), params(state='absent', gateway_code='nope'), _authorize.Hooks())['revoked'] == 0


def test_revoke_in_check_mode_sends_nothing_and_keeps_the_file(emu, tmp_path):
    path = tmp_path / 'token.json'
    path.write_text('{}')
    result = _authorize.revoke(client(emu), params(state='absent', token_path=str(path)), _authorize.Hooks(check_mode=True))
    assert result['changed'] is True and path.exists() and emu.log == []


def test_validate_token_false_sends_a_jwt_unchecked(emu):
    _tokens.forget_jwks()
    result = _authorize.authorize(RunbeamClient(None, emu.jwt(), retries=0), params(validate_token=False), _authorize.Hooks())
    assert result['changed'] is True and [e['path'] for e in emu.log] == ['/api/harmony/authorize']
