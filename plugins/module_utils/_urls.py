# Private to the runbeam.cloud collection: not a public API, may change without notice.
# Copyright (c) 2026 Runbeam Cloud collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""URL checks and building: where a token may be sent, and how routes are joined."""

from urllib.parse import quote, urlsplit

from ansible_collections.runbeam.cloud.plugins.module_utils._errors import RunbeamConfigError


def origin_of(url):
    """'scheme://host[:port]' of an http(s) URL, lower-cased; None for anything else."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in ('http', 'https') or not parts.hostname:
        return None
    host = parts.hostname.lower()
    if ':' in host:
        host = '[%s]' % host
    default_port = {'http': 80, 'https': 443}[parts.scheme.lower()]
    if port is None or port == default_port:
        return '%s://%s' % (parts.scheme.lower(), host)
    return '%s://%s:%d' % (parts.scheme.lower(), host, port)


def checked_base_url(url, option='url'):
    """The deployment URL without a trailing slash, or RunbeamConfigError naming the option."""
    origin = origin_of(url)
    if origin is None:
        raise RunbeamConfigError('%s must be an http:// or https:// URL with a host name (and a valid port), e.g. https://runbeam.example.com.' % option)
    parts = urlsplit(url)
    if parts.username is not None or parts.password is not None:
        raise RunbeamConfigError('%s must not carry user credentials; pass the token with the token option.' % option)
    if parts.query or parts.fragment:
        raise RunbeamConfigError('%s must not have a query string or fragment.' % option)
    return origin + parts.path.rstrip('/')


def join(base, *segments):
    """base + '/' + each path segment, percent-quoted so an id can never change the route."""
    return base + ''.join('/' + quote(str(segment), safe='') for segment in segments)


def same_origin(url, other):
    return origin_of(url) is not None and origin_of(url) == origin_of(other)


def route_of(url, base):
    """The part of url after the deployment's origin, for error messages."""
    origin = origin_of(base) or ''
    if url.startswith(origin):
        return url[len(origin):] or '/'
    return url
