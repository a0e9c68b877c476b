"""Token kinds and local JWT validation (RS256 against the emulator's JWKS)."""

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from ansible_collections.runbeam.cloud.plugins.module_utils import _tokens
from ansible_collections.runbeam.cloud.plugins.module_utils._client import RunbeamClient
from ansible_collections.runbeam.cloud.plugins.module_utils._errors import RunbeamTokenError


@pytest.fixture(autouse=True)
def empty_jwks_cache():
    _tokens.forget_jwks()
    yield
    _tokens.forget_jwks()


def validate(emu, token):
    return RunbeamClient(emu.origin, token, retries=0).validate_token()


def jwks_fetches(emu):
    return len(emu.requests('GET', '/api/.well-known/jwks.json'))


@pytest.mark.parametrize('token, kind', [
    ('1|abc123def456', _tokens.SANCTUM),
    ('mt_abcdef', _tokens.OPAQUE),
    ('eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln', _tokens.JWT),
    ('a.b', _tokens.OPAQUE),
])
def test_token_kind(token, kind):
    assert _tokens.token_kind(token) == kind


def test_a_good_jwt_validates_with_the_cli_audience(emu):
    claims = validate(emu, emu.jwt(aud='runbeam-cli'))
    assert claims['sub'] == 'user-1'


def test_the_key_set_is_cached_per_origin(emu):
    validate(emu, emu.jwt())
    validate(emu, emu.jwt())
    assert jwks_fetches(emu) == 1


def test_alg_none_is_rejected_without_fetching_keys(emu):
    with pytest.raises(RunbeamTokenError, match="alg 'none'"):
        validate(emu, emu.forge_jwt(alg='none'))
    assert jwks_fetches(emu) == 0


def test_hs256_with_the_real_kid_is_rejected(emu):
    with pytest.raises(RunbeamTokenError, match="alg 'HS256'"):
        validate(emu, emu.forge_jwt(alg='HS256'))


def test_an_expired_jwt_is_rejected(emu):
    with pytest.raises(RunbeamTokenError, match='expired'):
        validate(emu, emu.jwt(exp=1000000000))


def test_a_missing_kid_is_rejected(emu):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    token = jwt.encode({'iss': emu.origin, 'sub': 'user-1', 'exp': 4102444800}, key, algorithm='RS256')
    with pytest.raises(RunbeamTokenError, match="no 'kid'"):
        validate(emu, token)
    assert jwks_fetches(emu) == 0


def test_an_empty_sub_is_rejected(emu):
    with pytest.raises(RunbeamTokenError, match="'sub'"):
        validate(emu, emu.jwt(sub=''))


def test_a_rotated_key_is_found_by_one_refresh(emu):
    validate(emu, emu.jwt())
    emu.rotate_key()
    assert validate(emu, emu.jwt())['sub'] == 'user-1'
    assert jwks_fetches(emu) == 2


def test_an_unknown_kid_fails_after_one_refresh(emu):
    validate(emu, emu.jwt())
    with pytest.raises(RunbeamTokenError, match="key 'not-a-key'.*does not publish"):
        validate(emu, emu.jwt(kid='not-a-key'))
    assert jwks_fetches(emu) == 2


def test_a_bad_signature_fails_after_one_refresh(emu):
    token = emu.jwt()
    head, body, signature = token.split('.')
    tampered = '.'.join((head, body, ('A' if signature[0] != 'A' else 'B') + signature[1:]))
    validate(emu, emu.jwt())
    with pytest.raises(RunbeamTokenError, match='signature does not verify'):
        validate(emu, tampered)
    assert jwks_fetches(emu) == 2


def test_the_issuer_must_be_an_http_url(emu):
    with pytest.raises(RunbeamTokenError, match="'iss'"):
        _tokens.issuer_origin(emu.jwt(iss='urn:runbeam'))
