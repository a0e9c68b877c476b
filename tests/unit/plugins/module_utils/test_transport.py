"""Retries, backoff, the error mapping and TLS settings, over real HTTP(S) against the emulator."""

import socket

import pytest

from ansible_collections.runbeam.cloud.plugins.module_utils._errors import (
    RunbeamForbiddenError,
    RunbeamNetworkError,
    RunbeamNotFoundError,
    RunbeamRateLimitedError,
    RunbeamResponseError,
    RunbeamServerError,
    RunbeamTLSError,
    RunbeamUnauthorizedError,
)
from ansible_collections.runbeam.cloud.plugins.module_utils import _transport
from ansible_collections.runbeam.cloud.plugins.module_utils._transport import Transport


def transport(token, **kwargs):
    kwargs.setdefault('retries', 3)
    made = Transport(token, **kwargs)
    made.backoff_base = 0.01
    return made


def gateways(emu, **kwargs):
    return transport(emu.sanctum_token, **kwargs).request('GET', emu.api + '/gateways')


def served(emu, path='/api/gateways'):
    return [entry['status'] for entry in emu.requests('GET', path)]


@pytest.mark.parametrize('status', [429, 502, 503, 504])
def test_retryable_statuses_are_retried_until_success(emu, status):
    emu.inject(status=status, count=2, path='/api/gateways')
    assert gateways(emu)['data']
    assert served(emu) == [status, status, 200]


@pytest.fixture
def waits(monkeypatch):
    """The pauses the transport asks for, recorded instead of slept."""
    asked = []
    monkeypatch.setattr(_transport.time, 'sleep', asked.append)
    return asked


def test_retry_after_is_honoured(emu, waits):
    emu.inject(status=429, count=1, path='/api/gateways', retry_after=7)
    gateways(emu)
    assert waits == [7.0]


def test_a_huge_retry_after_is_bounded(emu, waits):
    emu.inject(status=503, count=1, path='/api/gateways', retry_after=86400)
    gateways(emu)
    assert waits == [Transport.retry_after_cap]


def test_backoff_grows_exponentially_with_jitter(emu, waits):
    emu.inject(status=502, count=3, path='/api/gateways')
    made = Transport(emu.sanctum_token, retries=3)
    made.request('GET', emu.api + '/gateways')
    assert len(waits) == 3
    assert all(0 <= wait <= made.backoff_base * 2 ** attempt for attempt, wait in enumerate(waits))
    assert len(set(waits)) == 3


def test_retries_exhausted_raise_the_last_status(emu):
    emu.inject(status=503, count=None, path='/api/gateways')
    with pytest.raises(RunbeamServerError, match=r'GET /api/gateways failed: HTTP 503'):
        gateways(emu, retries=2)
    assert served(emu) == [503, 503, 503]


def test_rate_limit_after_retries(emu):
    emu.inject(status=429, count=None, path='/api/gateways', retry_after=0)
    with pytest.raises(RunbeamRateLimitedError, match='429 Too Many Requests'):
        gateways(emu, retries=1)


def test_non_retryable_errors_are_not_retried(emu):
    emu.inject(status=500, count=None, path='/api/gateways')
    with pytest.raises(RunbeamServerError, match='HTTP 500'):
        gateways(emu)
    assert served(emu) == [500]


def test_connection_reset_is_retried(emu):
    emu.inject(kind='reset', count=1, path='/api/gateways')
    assert gateways(emu)['data']
    assert served(emu) == [0, 200]


def test_a_closed_port_is_a_network_error_after_the_retries():
    with socket.socket() as probe:
        probe.bind(('127.0.0.1', 0))
        port = probe.getsockname()[1]
    with pytest.raises(RunbeamNetworkError, match=r'GET /api/gateways failed after 2 attempt\(s\)'):
        transport('1|secret', retries=1).request('GET', 'http://127.0.0.1:%d/api/gateways' % port)


def test_a_body_that_is_not_json_is_a_clear_error(emu):
    emu.inject(kind='nonjson', count=1, path='/api/gateways')
    with pytest.raises(RunbeamResponseError, match='not JSON'):
        gateways(emu)


@pytest.mark.parametrize('token_attr, path, error, text', [
    (None, '/api/gateways', RunbeamUnauthorizedError, 'HTTP 401 Unauthorized: Unauthenticated.'),
    ('sanctum_token', '/api/gateway/changes', RunbeamForbiddenError, 'HTTP 403 Forbidden: This action requires a gateway machine token.'),
    ('sanctum_token', '/api/gateways/nope', RunbeamNotFoundError, 'HTTP 404 Not Found'),
])
def test_error_statuses_map_to_typed_errors(emu, token_attr, path, error, text):
    token = getattr(emu, token_attr) if token_attr else '9|wrong'
    with pytest.raises(error) as caught:
        transport(token).request('GET', emu.origin + path)
    assert text in str(caught.value)
    assert caught.value.route == 'GET ' + path


def test_a_token_echoed_by_the_server_never_reaches_the_message(emu):
    emu.inject(status=422, count=1, path='/api/gateways',
               body={'message': 'bad token %s' % emu.sanctum_token, 'errors': {'token': ['%s is wrong' % emu.sanctum_token]}})
    with pytest.raises(Exception) as caught:
        gateways(emu)
    assert emu.sanctum_token not in str(caught.value)
    assert emu.sanctum_token not in repr(caught.value.field_errors)
    assert '********' in str(caught.value)


def test_tls_without_the_ca_fails_clearly(emu_tls, monkeypatch):
    monkeypatch.delenv('REQUESTS_CA_BUNDLE', raising=False)
    monkeypatch.delenv('CURL_CA_BUNDLE', raising=False)
    with pytest.raises(RunbeamTLSError, match='certificate verify failed'):
        gateways(emu_tls, retries=0)


def test_ca_path_wins_over_requests_ca_bundle(emu_tls, monkeypatch):
    monkeypatch.setenv('REQUESTS_CA_BUNDLE', '/etc/ssl/certs/ca-certificates.crt')
    assert gateways(emu_tls, ca_path=emu_tls.ca_path)['data']


def test_validate_certs_false_skips_verification(emu_tls):
    assert gateways(emu_tls, validate_certs=False)['data']


def test_ca_path_is_ignored_when_validation_is_off(emu_tls):
    assert transport('x', validate_certs=False, ca_path='/nonexistent')._verify is False
