# Private to the runbeam.cloud collection: not a public API, may change without notice.
# Copyright (c) 2026 Runbeam Cloud collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Typed errors raised by the Runbeam client.

Every message names what failed (an option, or the route and the server's own
explanation) and never a token: the client scrubs its token from anything the
server echoes before an error is built.
"""

import re


class RunbeamError(Exception):
    """Base of every error the collection raises on purpose."""

    def __init__(self, message, route=None, status=None, field_errors=None):
        super(RunbeamError, self).__init__(message)
        self.message = message
        self.route = route
        self.status = status
        self.field_errors = field_errors or {}

    def __str__(self):
        return self.message

    def details(self):
        """Extra keys for a failed module result (never a secret)."""
        extra = {}
        if self.route:
            extra['route'] = self.route
        if self.status is not None:
            extra['status'] = self.status
        if self.field_errors:
            extra['errors'] = self.field_errors
        return extra


class RunbeamConfigError(RunbeamError):
    """An option is missing or malformed; nothing was sent."""


class RunbeamTokenError(RunbeamError):
    """A JWT failed local validation; it was not sent to the server."""


class RunbeamNetworkError(RunbeamError):
    """The server could not be reached, or the connection broke, after the retries."""


class RunbeamAmbiguousWriteError(RunbeamNetworkError):
    """A write (POST, PUT, DELETE) failed in a way that leaves open whether the server processed it.

    Such a request is never retried blindly; the caller reads back what the server holds.
    """


class RunbeamTLSError(RunbeamNetworkError):
    """The TLS handshake failed: certificate not trusted, wrong host name, ..."""


class RunbeamResponseError(RunbeamError):
    """The server answered something the client cannot use (not JSON, wrong shape, a page link off-origin)."""


class RunbeamHTTPError(RunbeamError):
    """The server answered with an error status."""


class RunbeamUnauthorizedError(RunbeamHTTPError):
    """401: the token is missing, malformed, expired or revoked."""


class RunbeamForbiddenError(RunbeamHTTPError):
    """403: the token is valid but may not do this."""


class RunbeamNotFoundError(RunbeamHTTPError):
    """404 from the API itself: no such item (or not visible to this token's team)."""


class RunbeamRouteNotFoundError(RunbeamHTTPError):
    """404 for a route the deployment does not have (wrong url or path prefix, or another API generation).

    Deliberately not a RunbeamNotFoundError: "no such route" must never read as "already absent".
    """


class RunbeamValidationError(RunbeamHTTPError):
    """422: the server rejected the request body; field_errors says why."""


class RunbeamRateLimitedError(RunbeamHTTPError):
    """429 after every retry."""


class RunbeamServerError(RunbeamHTTPError):
    """5xx after every retry."""


_STATUS_ERRORS = {
    401: (RunbeamUnauthorizedError, 'Unauthorized'),
    403: (RunbeamForbiddenError, 'Forbidden'),
    404: (RunbeamNotFoundError, 'Not Found'),
    422: (RunbeamValidationError, 'Unprocessable Content'),
    429: (RunbeamRateLimitedError, 'Too Many Requests'),
}


# Laravel's answer for a route it does not have: "The route api/x could not be found."
_MISSING_ROUTE_RE = re.compile(r'^The route .* could not be found\.?$', re.IGNORECASE | re.DOTALL)


def is_missing_route(status, server_message, api_answer):
    """Whether a 404 means the route does not exist rather than the item (a non-API body counts as a missing route)."""
    return status == 404 and (not api_answer or bool(_MISSING_ROUTE_RE.match(server_message or '')))


def error_for_status(status, route, server_message=None, field_errors=None, api_answer=True):
    """Build the typed error for an HTTP error status (the one error mapping of the collection).

    api_answer is False when the body was not the API's JSON error (a proxy's HTML page, say).
    """
    if is_missing_route(status, server_message, api_answer):
        cls, reason = RunbeamRouteNotFoundError, 'Not Found (no such route: check url)'
    elif status in _STATUS_ERRORS:
        cls, reason = _STATUS_ERRORS[status]
    elif status >= 500:
        cls, reason = RunbeamServerError, 'Server Error'
    else:
        cls, reason = RunbeamHTTPError, 'HTTP Error'
    message = '%s failed: HTTP %d %s' % (route, status, reason)
    if server_message:
        message += ': %s' % server_message
    details = format_field_errors(field_errors or {})
    if details and (not server_message or server_message not in details):
        message += ' (%s)' % details
    return cls(message, route=route, status=status, field_errors=field_errors)


def format_field_errors(field_errors):
    """'field: reason; other: reason' from Laravel's {"field": ["reason", ...]}."""
    parts = []
    for field in sorted(field_errors):
        reasons = field_errors[field]
        if not isinstance(reasons, list):
            reasons = [reasons]
        parts.append('%s: %s' % (field, ' '.join(str(r) for r in reasons)))
    return '; '.join(parts)
