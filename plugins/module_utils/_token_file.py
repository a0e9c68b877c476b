# Private to the runbeam.cloud collection: not a public API, may change without notice.
# Copyright (c) 2026 Runbeam Cloud collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The machine token payload (what Harmony reads from RUNBEAM_MACHINE_TOKEN): build, read, judge, write."""

import datetime
import json
import os
import tempfile

from ansible_collections.runbeam.cloud.plugins.module_utils._errors import RunbeamResponseError
from ansible_collections.runbeam.cloud.plugins.module_utils._timestamps import format_timestamp, parse_timestamp

REQUIRED_FIELDS = ('machine_token', 'expires_at', 'gateway_id', 'gateway_code')


def payload_from_authorization(response, now):
    """The payload for an AuthorizeResponse received at now."""
    gateway = response.get('gateway') if isinstance(response, dict) else None
    if not isinstance(gateway, dict) or not response.get('machine_token') or not response.get('expires_at'):
        raise RunbeamResponseError('POST /api/harmony/authorize answered without machine_token, expires_at and gateway.')
    return {
        'machine_token': response['machine_token'],
        'expires_at': response['expires_at'],
        'gateway_id': gateway.get('id'),
        'gateway_code': gateway.get('code'),
        'abilities': response.get('abilities') or [],
        'issued_at': format_timestamp(now),
    }


def read_payload(path):
    """The payload stored at path, or None when it is missing, unreadable or incomplete."""
    try:
        with open(path, 'rb') as handle:
            payload = json.loads(handle.read().decode('utf-8'))
    except (OSError, ValueError, UnicodeError):
        return None
    if not isinstance(payload, dict) or not all(payload.get(field) for field in REQUIRED_FIELDS):
        return None
    return payload


def renewal_reason(payload, gateway_code, renew_before_days, now):
    """Why a new token is needed (a sentence), or None when payload can be kept."""
    if payload is None:
        return 'no valid token payload is stored'
    if payload.get('gateway_code') != gateway_code:
        return 'the stored token belongs to gateway %s' % payload.get('gateway_code')
    expires = parse_timestamp(payload.get('expires_at'))
    if expires is None:
        return 'the stored expiry cannot be read'
    if expires <= now:
        return 'the stored token expired at %s' % payload['expires_at']
    if expires - now <= datetime.timedelta(days=renew_before_days):
        return 'the stored token expires within %d days' % renew_before_days
    return None


def diff_view(payload):
    """What diff mode shows of a payload: never the token."""
    if payload is None:
        return {}
    return {'gateway_code': payload.get('gateway_code'), 'expires_at': payload.get('expires_at')}


def write_payload(path, payload, mode=0o600):
    """Replace path with payload atomically: a temporary file beside it, fsync, rename.

    The temporary file is created with the final mode before the token is
    written into it, so the token is never readable by others, even briefly.
    """
    directory = os.path.dirname(os.path.abspath(path))
    fd, temp_path = tempfile.mkstemp(prefix='.%s.' % os.path.basename(path), suffix='.tmp', dir=directory)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, 'wb') as handle:
            handle.write(json.dumps(payload, indent=2, sort_keys=True).encode('utf-8') + b'\n')
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_path, path)
    except BaseException:
        if os.path.exists(temp_path):
            os.unlink(temp_path)
        raise
