# Private to the runbeam.cloud collection: not a public API, may change without notice.
# Copyright (c) 2026 Runbeam Cloud collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""HTTP for the Runbeam client: one keep-alive session, retries with backoff, and the error mapping."""

import email.utils
import random
import re
import time

from ansible_collections.runbeam.cloud.plugins.module_utils._errors import (
    RunbeamNetworkError,
    RunbeamResponseError,
    RunbeamTLSError,
    error_for_status,
)
from ansible_collections.runbeam.cloud.plugins.module_utils._urls import origin_of

try:
    import requests
    from requests.adapters import HTTPAdapter
except ImportError:
    pass  # reported by _deps.missing_libraries() before a client is built

USER_AGENT = 'runbeam.cloud-ansible/0.1.0'
RETRY_STATUSES = frozenset((429, 502, 503, 504))
REDACTED = '********'
_SSL_REASON_RE = re.compile(r"\] ([^()\]]+?) \(_ssl\.c")


class Transport(object):
    """Sends requests with the bearer token; returns parsed JSON or raises a typed RunbeamError."""

    backoff_base = 0.5      # seconds before the first retry; doubles each time
    backoff_cap = 30.0      # longest backoff between two attempts
    retry_after_cap = 60.0  # a server asking for longer still only makes us wait this long

    def __init__(self, token, validate_certs=True, ca_path=None, timeout=30.0, retries=3, pool_size=10):
        self._token = token
        # Given on every request: requests lets REQUESTS_CA_BUNDLE override a session-level verify.
        self._verify = ca_path if (validate_certs and ca_path) else bool(validate_certs)
        self.timeout = timeout
        self.retries = max(0, int(retries))
        self._session = requests.Session()
        adapter = HTTPAdapter(pool_connections=4, pool_maxsize=pool_size)
        self._session.mount('https://', adapter)
        self._session.mount('http://', adapter)
        self._session.headers.update({'Accept': 'application/json', 'User-Agent': USER_AGENT})

    def close(self):
        self._session.close()

    def request(self, method, url, params=None, json=None, auth=True):
        """The JSON body of a 2xx answer to method url."""
        route = self.route(url, params)
        response = self._send_with_retries(method, url, route, params=params, json=json, auth=auth)
        if not 200 <= response.status_code < 300:
            raise self._error(response, route)
        return self._json(response, route)

    @staticmethod
    def route(url, params=None):
        """'path?query' of a request for messages: the origin and the token never appear."""
        origin = origin_of(url) or ''
        path = url[len(origin):] if url.startswith(origin) else url
        if params:
            path += '?' + '&'.join('%s=%s' % (k, v) for k, v in sorted(params.items()))
        return path

    def scrub(self, value):
        """value with the token replaced, in strings, lists and dicts (servers sometimes echo input)."""
        if isinstance(value, str):
            return value.replace(self._token, REDACTED) if self._token else value
        if isinstance(value, list):
            return [self.scrub(item) for item in value]
        if isinstance(value, dict):
            return dict((self.scrub(k), self.scrub(v)) for k, v in value.items())
        return value

    def _send_with_retries(self, method, url, route, **kwargs):
        attempt = 0
        while True:
            try:
                response = self._send(method, url, **kwargs)
            except requests.exceptions.SSLError as exc:
                raise RunbeamTLSError('%s %s failed: TLS error: %s. Check ca_path, or validate_certs.'
                                      % (method, route, self._reason(exc)), route=route)
            except (requests.exceptions.ConnectionError, requests.exceptions.Timeout) as exc:
                if attempt >= self.retries:
                    raise RunbeamNetworkError('%s %s failed after %d attempt(s): %s'
                                              % (method, route, attempt + 1, self._reason(exc)), route=route)
                wait = self._backoff(attempt)
            else:
                if response.status_code not in RETRY_STATUSES or attempt >= self.retries:
                    return response
                wait = self._retry_after(response)
                if wait is None:
                    wait = self._backoff(attempt)
            attempt += 1
            time.sleep(wait)

    def _send(self, method, url, params=None, json=None, auth=True):
        headers = {'Authorization': 'Bearer %s' % self._token} if auth else None
        return self._session.request(method, url, params=params, json=json, headers=headers,
                                     timeout=self.timeout, verify=self._verify, allow_redirects=False)

    def _backoff(self, attempt):
        """Exponential backoff with full jitter, so parallel readers do not retry in step."""
        return random.uniform(0, min(self.backoff_cap, self.backoff_base * (2 ** attempt)))

    def _retry_after(self, response):
        """Seconds asked for by Retry-After (delta or HTTP date), bounded; None when absent or unreadable."""
        value = response.headers.get('Retry-After')
        if not value:
            return None
        try:
            seconds = float(value)
        except ValueError:
            try:
                seconds = email.utils.parsedate_to_datetime(value).timestamp() - time.time()
            except (TypeError, ValueError, IndexError, OverflowError):
                return None
        return min(max(seconds, 0.0), self.retry_after_cap)

    def _reason(self, exc):
        text = str(exc) or type(exc).__name__
        # urllib3 nests the useful part ("certificate verify failed: ...") deep in a long repr.
        ssl_reason = _SSL_REASON_RE.search(text)
        return self.scrub(ssl_reason.group(1) if ssl_reason else text)

    def _json(self, response, route):
        if not response.content:
            return {}
        try:
            return response.json()
        except ValueError:
            raise RunbeamResponseError('%s %s answered HTTP %d with a body that is not JSON (content type %s): is url the Runbeam deployment?'
                                       % (response.request.method, route, response.status_code,
                                          response.headers.get('Content-Type', 'unknown')),
                                       route=route, status=response.status_code)

    def _error(self, response, route):
        try:
            body = response.json()
        except ValueError:
            body = None
        message = field_errors = None
        if isinstance(body, dict):
            message = body.get('message') if isinstance(body.get('message'), str) else None
            field_errors = body.get('errors') if isinstance(body.get('errors'), dict) else None
        if message is None and 300 <= response.status_code < 400:
            message = 'redirected to %s; set url to the final address' % response.headers.get('Location', 'an unknown location')
        return error_for_status(response.status_code, '%s %s' % (response.request.method, route),
                                self.scrub(message), self.scrub(field_errors), api_answer=message is not None)
