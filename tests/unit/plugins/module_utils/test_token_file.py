"""The machine token payload: timestamps, renewal, diff view, atomic writes."""

import datetime
import json
import os
import stat

import pytest

from ansible_collections.runbeam.cloud.plugins.module_utils import _token_file
from ansible_collections.runbeam.cloud.plugins.module_utils._errors import RunbeamResponseError
from ansible_collections.runbeam.cloud.plugins.module_utils._timestamps import format_timestamp, parse_timestamp

NOW = datetime.datetime(2026, 12, 1, 12, 0, 0, tzinfo=datetime.timezone.utc)
UTC = datetime.timezone.utc


@pytest.mark.parametrize('text, expected', [
    ('2026-12-31T23:59:59.000000Z', datetime.datetime(2026, 12, 31, 23, 59, 59, tzinfo=UTC)),
    ('2026-12-31T23:59:59Z', datetime.datetime(2026, 12, 31, 23, 59, 59, tzinfo=UTC)),
    ('2026-12-31T23:59:59.123456789Z', datetime.datetime(2026, 12, 31, 23, 59, 59, 123456, tzinfo=UTC)),
    ('2027-01-01T01:59:59+02:00', datetime.datetime(2026, 12, 31, 23, 59, 59, tzinfo=UTC)),
    ('2026-12-31 23:59:59.5-0130', datetime.datetime(2027, 1, 1, 1, 29, 59, 500000, tzinfo=UTC)),
])
def test_parse_timestamp(text, expected):
    assert parse_timestamp(text) == expected


@pytest.mark.parametrize('text', ['2026-12-31', '2026-12-31T23:59:59', '2026-13-01T00:00:00Z', None, 12, 'soon'])
def test_unreadable_timestamps_are_none(text):
    assert parse_timestamp(text) is None


def test_format_timestamp_is_utc_with_z():
    assert format_timestamp(datetime.datetime(2027, 1, 1, 1, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=2)))) == '2026-12-31T23:00:00Z'


def payload(code='edge-01', expires_at='2026-12-31T00:00:00.000000Z'):
    return {'machine_token': 'mt_x', 'expires_at': expires_at, 'gateway_id': 'g1', 'gateway_code': code}


@pytest.mark.parametrize('stored, reason', [
    (None, 'no valid token payload'),
    (payload(code='other'), 'belongs to gateway other'),
    (payload(expires_at='whenever'), 'cannot be read'),
    (payload(expires_at='2026-11-30T00:00:00Z'), 'expired at'),
    (payload(expires_at='2026-12-05T00:00:00Z'), 'expires within 7 days'),
])
def test_renewal_reasons(stored, reason):
    assert reason in _token_file.renewal_reason(stored, 'edge-01', 7, NOW)


def test_a_token_valid_beyond_renew_before_is_kept():
    assert _token_file.renewal_reason(payload(expires_at='2026-12-09T00:00:00Z'), 'edge-01', 7, NOW) is None


def test_payload_from_authorization():
    answer = {'machine_token': 'mt_1', 'expires_in': 2592000, 'expires_at': '2026-12-31T00:00:00.000000Z',
              'gateway': {'id': 'g1', 'code': 'edge-01', 'name': 'edge-01'}}
    assert _token_file.payload_from_authorization(answer, NOW) == {
        'machine_token': 'mt_1', 'expires_at': '2026-12-31T00:00:00.000000Z', 'gateway_id': 'g1',
        'gateway_code': 'edge-01', 'abilities': [], 'issued_at': '2026-12-01T12:00:00Z'}


def test_an_incomplete_authorization_is_an_error():
    with pytest.raises(RunbeamResponseError, match='without machine_token'):
        _token_file.payload_from_authorization({'gateway': {}}, NOW)


def test_diff_view_never_shows_the_token():
    assert _token_file.diff_view(payload()) == {'gateway_code': 'edge-01', 'expires_at': '2026-12-31T00:00:00.000000Z'}
    assert _token_file.diff_view(None) == {}


def test_write_then_read_round_trip_with_mode(tmp_path):
    path = str(tmp_path / 'token.json')
    _token_file.write_payload(path, payload())
    assert _token_file.read_payload(path) == payload()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


@pytest.mark.parametrize('content', ['not json', '[]', json.dumps({'machine_token': 'mt_x'})])
def test_unusable_files_read_as_none(tmp_path, content):
    path = tmp_path / 'token.json'
    path.write_text(content)
    assert _token_file.read_payload(str(path)) is None


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    path = str(tmp_path / 'token.json')
    _token_file.write_payload(path, payload())
    before = open(path, 'rb').read()
    with pytest.raises(TypeError):
        _token_file.write_payload(path, {'machine_token': object()})
    assert open(path, 'rb').read() == before
    assert os.listdir(str(tmp_path)) == ['token.json']
