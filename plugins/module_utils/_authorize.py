# Private to the runbeam.cloud collection: not a public API, may change without notice.
# Copyright (c) 2026 Runbeam Cloud collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""runbeam_gateway_authorize: decide, authorize or revoke, keep the token file, shape the result.

The deciding and shaping functions are pure (no HTTP, no module) so they are
unit-tested directly; authorize() and revoke() take the client and a few
module hooks.
"""

import os

from ansible_collections.runbeam.cloud.plugins.module_utils._errors import RunbeamError, RunbeamNotFoundError
from ansible_collections.runbeam.cloud.plugins.module_utils._timestamps import parse_timestamp, utcnow
from ansible_collections.runbeam.cloud.plugins.module_utils._token_file import (
    diff_view,
    payload_from_authorization,
    read_payload,
    renewal_reason,
    write_payload,
)

ARGUMENT_SPEC = dict(
    gateway_code=dict(type='str', required=True),
    state=dict(type='str', default='present', choices=['present', 'absent']),
    machine_public_key=dict(type='str'),
    metadata=dict(type='list', elements='str'),
    token_path=dict(type='path'),
    renew_before=dict(type='int', default=7),
    force=dict(type='bool', default=False),
    validate_token=dict(type='bool', default=True),
    return_token=dict(type='bool', default=False),
)

MAX_GATEWAY_CODE = 255
DEFAULT_MODE = 0o600
# What check mode's diff shows for an expiry that only the server can set.
UNKNOWN_EXPIRY = '(set by Runbeam when authorized)'


def check_params(params):
    """A message for options no request should be sent with, or None."""
    if not params['gateway_code'].strip():
        return 'gateway_code must not be empty.'
    if len(params['gateway_code']) > MAX_GATEWAY_CODE:
        return 'gateway_code is %d characters long; Runbeam accepts at most %d.' % (len(params['gateway_code']), MAX_GATEWAY_CODE)
    if params['renew_before'] < 0:
        return 'renew_before must be 0 or more days, not %d.' % params['renew_before']
    return None


def authorization_reason(params, payload, now):
    """Why a new machine token is needed (a sentence), or None when the stored one is kept."""
    if not params['token_path']:
        return 'no token_path is set, so the token is not kept between runs'
    if params['force']:
        return 'force is set'
    return renewal_reason(payload, params['gateway_code'], params['renew_before'], now)


def returns_token(params):
    """Whether the result carries the machine token (without token_path it is the only copy)."""
    return not params['token_path'] or params['return_token']


def expires_in(expires_at, now):
    """Whole seconds from now until expires_at (0 once past, None when unreadable)."""
    moment = parse_timestamp(expires_at)
    if moment is None:
        return None
    return max(0, int((moment - now).total_seconds()))


def stored_result(params, payload, now):
    """The result when the stored payload is kept: what the file says, no request made."""
    result = dict(
        changed=False,
        expires_at=payload['expires_at'],
        expires_in=expires_in(payload['expires_at'], now),
        gateway=dict(id=payload['gateway_id'], code=payload['gateway_code']),
        abilities=payload.get('abilities') or [],
        token_path=params['token_path'],
    )
    if params['return_token']:
        result['machine_token'] = payload['machine_token']
    return result


def authorized_result(params, response):
    """The result of a fresh authorization, from the server's AuthorizeResponse."""
    gateway = response.get('gateway') or {}
    result = dict(
        changed=True,
        expires_at=response.get('expires_at'),
        expires_in=response.get('expires_in'),
        gateway=dict((key, gateway.get(key)) for key in ('id', 'code', 'name', 'authorized_by')),
        abilities=response.get('abilities') or [],
        token_path=params['token_path'],
    )
    if returns_token(params):
        result['machine_token'] = response['machine_token']
    return result


def planned_result(params):
    """What check mode reports for an authorization it does not make."""
    return dict(changed=True, gateway=dict(code=params['gateway_code']), token_path=params['token_path'])


def authorize_diff(before, after):
    return dict(before=diff_view(before), after=diff_view(after))


class Hooks(object):
    """What authorize() and revoke() need from the module: check mode, diff mode, file attributes."""

    def __init__(self, check_mode=False, diff=False, apply_file_attributes=None):
        self.check_mode = check_mode
        self.diff = diff
        # apply_file_attributes(path, changed) -> changed; None when no file attributes apply.
        self.apply_file_attributes = apply_file_attributes or (lambda path, changed: changed)


def authorize(client, params, hooks, now=None):
    """state=present: keep the stored token, or get a new one (validated first) and store it."""
    now = now or utcnow()
    path = params['token_path']
    stored = read_payload(path) if path else None
    reason = authorization_reason(params, stored, now)
    if reason is None:
        result = stored_result(params, stored, now)
        result['changed'] = hooks.apply_file_attributes(path, False)
        return result
    validate(client, params)
    if hooks.check_mode:
        result = planned_result(params)
        after = dict(gateway_code=params['gateway_code'], expires_at=UNKNOWN_EXPIRY)
    else:
        response = client.authorize_gateway(params['gateway_code'], machine_public_key=params['machine_public_key'],
                                            metadata=params['metadata'])
        after = payload_from_authorization(response, now)
        if path:
            store(path, after)
            hooks.apply_file_attributes(path, True)
        result = authorized_result(params, response)
    result['reason'] = reason
    if hooks.diff:
        result['diff'] = authorize_diff(stored, after)
    return result


def revoke(client, params, hooks):
    """state=absent: revoke every machine token of the gateway, then remove token_path."""
    path = params['token_path']
    exists = bool(path) and os.path.lexists(path)
    result = dict(changed=exists, token_path=path)
    if hooks.diff:
        result['diff'] = dict(before=diff_view(read_payload(path) if exists else None), after={})
    if hooks.check_mode:
        # Whether live tokens exist is only known by revoking them: report the file.
        return result
    validate(client, params)
    result['revoked'] = revoked_count(client, params['gateway_code'])
    if result['revoked'] != 0:
        result['changed'] = True
    if exists:
        try:
            os.remove(path)
        except OSError as exc:
            raise RunbeamError('The machine tokens were revoked but %s could not be removed: %s.' % (path, exc.strerror or exc))
    return result


def store(path, payload):
    """Write the payload (0600 from the first byte), as a clean failure when the file system refuses."""
    try:
        write_payload(path, payload, DEFAULT_MODE)
    except OSError as exc:
        raise RunbeamError('The gateway was authorized but the machine token could not be written to %s: %s. '
                           'The file was left as it was.' % (path, exc.strerror or exc))


def file_attribute_hook(module):
    """apply_file_attributes for Hooks: the usual file options, with mode 0600 unless mode is set."""
    def apply(path, changed):
        if not path or not os.path.exists(path):
            return changed
        file_args = module.load_file_common_arguments(module.params, path=path)
        if file_args.get('mode') is None:
            file_args['mode'] = DEFAULT_MODE
        return module.set_fs_attributes_if_different(file_args, changed)
    return apply


def validate(client, params):
    """Verify a JWT locally (fetching the public key set) so that a failing one is never sent."""
    if params['validate_token']:
        client.validate_token()


def revoked_count(client, gateway_code):
    """How many machine tokens the server revoked: 0 for an unknown gateway, None when it does not say."""
    try:
        answer = client.revoke_gateway(gateway_code)
    except RunbeamNotFoundError:
        # No such gateway, so no token of it can be live: already absent.
        return 0
    count = answer.get('revoked') if isinstance(answer, dict) else None
    return count if isinstance(count, int) else None
