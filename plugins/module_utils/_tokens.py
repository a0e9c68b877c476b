# Private to the runbeam.cloud collection: not a public API, may change without notice.
# Copyright (c) 2026 Runbeam Cloud collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Token kinds, the JWT issuer, and local JWT validation against the deployment's JWKS."""

import base64
import json
import re

from ansible_collections.runbeam.cloud.plugins.module_utils._errors import RunbeamTokenError
from ansible_collections.runbeam.cloud.plugins.module_utils._urls import origin_of

try:
    import jwt
except ImportError:
    pass  # reported by _deps.missing_libraries() before a client is built

JWT = 'jwt'
SANCTUM = 'sanctum'
OPAQUE = 'opaque'

_SANCTUM_RE = re.compile(r'^[0-9]+\|\S+$')
_B64URL_RE = re.compile(r'^[A-Za-z0-9_-]+$')

# Verified key sets by issuer origin, shared by every client in this process,
# as the server lets them be cached for an hour and a play may validate often.
_JWKS_CACHE = {}


def token_kind(token):
    """JWT, SANCTUM or OPAQUE (machine tokens and anything else), by format as the server does."""
    if _SANCTUM_RE.match(token):
        return SANCTUM
    parts = token.split('.')
    if len(parts) == 3 and all(_B64URL_RE.match(part) for part in parts[:2]):
        return JWT
    return OPAQUE


def _b64url_json(part):
    padded = part + '=' * (-len(part) % 4)
    return json.loads(base64.urlsafe_b64decode(padded.encode('ascii')).decode('utf-8'))


def unverified_claims(token):
    """The JWT's claims, without checking anything: only to read where it comes from."""
    try:
        claims = _b64url_json(token.split('.')[1])
    except (ValueError, IndexError, UnicodeError):
        raise RunbeamTokenError('The token looks like a JWT but its claims cannot be decoded.')
    if not isinstance(claims, dict):
        raise RunbeamTokenError('The token looks like a JWT but its claims are not a JSON object.')
    return claims


def issuer_origin(token):
    """Origin (scheme://host[:port]) of the JWT's iss claim."""
    issuer = unverified_claims(token).get('iss')
    if not issuer or not isinstance(issuer, str):
        raise RunbeamTokenError("The JWT has no 'iss' claim, so the Runbeam URL cannot be derived from it: set the url option.")
    origin = origin_of(issuer)
    if origin is None:
        raise RunbeamTokenError("The JWT's 'iss' claim is not an http(s) URL, so the Runbeam URL cannot be derived from it: set the url option.")
    return origin


def _checked_header(token):
    try:
        header = jwt.get_unverified_header(token)
    except jwt.InvalidTokenError as exc:
        raise RunbeamTokenError('The JWT header cannot be decoded: %s.' % exc)
    if header.get('alg') != 'RS256':
        raise RunbeamTokenError("The JWT is signed with alg %r; only RS256 is accepted." % header.get('alg'))
    if not header.get('kid'):
        raise RunbeamTokenError("The JWT header has no 'kid', so no signing key can be chosen.")
    return header


def _key_for(keys, kid):
    for entry in keys.get('keys') or []:
        if isinstance(entry, dict) and entry.get('kid') == kid:
            try:
                return jwt.PyJWK(entry, algorithm='RS256').key
            except jwt.PyJWTError as exc:
                raise RunbeamTokenError('The JWKS key %r cannot be used: %s.' % (kid, exc))
    return None


def _decode(token, key):
    """Claims of a token whose signature verifies with key; None when it does not."""
    try:
        # The audience is the CLI's (runbeam-cli), not ours: it is deliberately not checked.
        return jwt.decode(token, key, algorithms=['RS256'], options={'verify_aud': False, 'require': ['exp', 'iss', 'sub']})
    except jwt.InvalidSignatureError:
        return None
    except jwt.ExpiredSignatureError:
        raise RunbeamTokenError('The JWT has expired: get a new one (for example with the Runbeam CLI login).')
    except jwt.MissingRequiredClaimError as exc:
        raise RunbeamTokenError('The JWT is missing a required claim: %s.' % exc)
    except jwt.InvalidTokenError as exc:
        raise RunbeamTokenError('The JWT is not valid: %s.' % exc)


def validate_jwt(token, fetch_jwks):
    """Verify a user or team JWT locally and return its claims.

    fetch_jwks(origin) returns the key set published at the issuer's origin.
    A cached set is tried first; when it lacks the kid or the signature does
    not verify, it is fetched once more (keys rotate) and tried again.
    """
    kid = _checked_header(token)['kid']
    origin = issuer_origin(token)
    claims = None
    for refresh in (False, True):
        if refresh or origin not in _JWKS_CACHE:
            _JWKS_CACHE[origin] = fetch_jwks(origin)
            refresh = True
        key = _key_for(_JWKS_CACHE[origin], kid)
        claims = _decode(token, key) if key is not None else None
        if claims is not None or refresh:
            break
    if claims is None:
        if key is None:
            raise RunbeamTokenError('The JWT was signed with key %r, which %s/api/.well-known/jwks.json does not publish.' % (kid, origin))
        raise RunbeamTokenError('The JWT signature does not verify against the key %r published by %s.' % (kid, origin))
    if not claims.get('sub'):
        raise RunbeamTokenError("The JWT has an empty 'sub' claim.")
    return claims


def forget_jwks():
    """Drop every cached key set (tests, and a long-lived process after a rotation)."""
    _JWKS_CACHE.clear()
