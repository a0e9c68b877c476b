"""Tokens: the RS256 signing key and JWKS, Sanctum tokens, machine tokens, and who is calling."""
import base64
import hashlib
import hmac
import json
import re
import secrets
import threading
import time
from dataclasses import dataclass, field

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from .util import rand_alnum

MACHINE_TTL = 30 * 24 * 3600
SANCTUM_RE = re.compile(r"^\d+\|.+$")
MACHINE_RE = re.compile(r"^mt_[A-Za-z0-9]+$")


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _int_b64(value):
    return b64url(value.to_bytes((value.bit_length() + 7) // 8, "big"))


class KeyRing:
    """One RSA key at a time; rotate() replaces it (the old kid is no longer served)."""

    def __init__(self):
        self.rotate()

    def rotate(self):
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = "emu-" + secrets.token_hex(8)
        self.public_pem = self.key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        numbers = self.key.public_key().public_numbers()
        self.jwk = {"kty": "RSA", "use": "sig", "kid": self.kid, "alg": "RS256",
                    "n": _int_b64(numbers.n), "e": _int_b64(numbers.e)}

    def jwks(self):
        return {"keys": [dict(self.jwk)]}

    def sign(self, claims, kid=None):
        return jwt.encode(claims, self.key, algorithm="RS256",
                          headers={"kid": kid or self.kid, "typ": "JWT"})

    def forge(self, alg, claims, kid=None):
        header = {"alg": alg, "kid": kid or self.kid, "typ": "JWT"}
        signing_input = "%s.%s" % (b64url(json.dumps(header).encode()), b64url(json.dumps(claims).encode()))
        if alg == "none":
            return signing_input + "."
        if alg == "HS256":
            mac = hmac.new(self.public_pem, signing_input.encode(), hashlib.sha256).digest()
            return signing_input + "." + b64url(mac)
        raise ValueError("forge_jwt supports alg 'none' and 'HS256'")

    def verify(self, token):
        """Claims of a valid token, or raise AuthFailure with the 401 message."""
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError:
            raise AuthFailure()
        if header.get("alg") != "RS256" or header.get("kid") != self.kid:
            raise AuthFailure()
        try:
            claims = jwt.decode(token, self.key.public_key(), algorithms=["RS256"],
                                options={"verify_aud": False, "require": ["exp", "sub"]})
        except jwt.ExpiredSignatureError:
            raise AuthFailure("Token has expired.")
        except jwt.PyJWTError:
            raise AuthFailure()
        if not isinstance(claims.get("sub"), str) or not claims["sub"]:
            raise AuthFailure()
        return claims


class AuthFailure(Exception):
    def __init__(self, message="Unauthenticated."):
        super().__init__(message)
        self.message = message


@dataclass
class MachineToken:
    gateway_id: str
    issued_at: float
    expires_at: float
    revoked: bool = False


@dataclass
class Principal:
    kind: str  # "jwt" | "sanctum" | "machine"
    team_id: str
    user: dict = field(default_factory=dict)  # {id, name, email} for user tokens
    gateway_id: str = None  # machine tokens only


class Tokens:
    """Sanctum tokens (kept across reset) and issued machine tokens."""

    def __init__(self):
        self.lock = threading.Lock()
        self.sanctum = {}  # token -> user id
        self.machine = {}  # token -> MachineToken

    def add_sanctum(self, number, user_id):
        token = "%d|%s" % (number, rand_alnum(40))
        self.sanctum[token] = user_id
        return token

    def issue_machine(self, gateway_id, now=None):
        now = time.time() if now is None else now
        token = "mt_" + rand_alnum(40)
        with self.lock:
            self.machine[token] = MachineToken(gateway_id, now, now + MACHINE_TTL)
        return token, self.machine[token]

    def revoke_gateway(self, gateway_id):
        count = 0
        with self.lock:
            for record in self.machine.values():
                if record.gateway_id == gateway_id and not record.revoked:
                    record.revoked = True
                    count += 1
        return count


def token_kind(token):
    """Classify by format, as the server does: jwt, sanctum, machine or None."""
    if token.count(".") == 2:
        return "jwt"
    if SANCTUM_RE.match(token):
        return "sanctum"
    if MACHINE_RE.match(token):
        return "machine"
    return None


def bearer(headers):
    value = headers.get("Authorization")
    if not value:
        return None
    scheme, _space, token = value.strip().partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else ""


def _public_user(user):
    return {"id": user["id"], "name": user["name"], "email": user["email"]}


def authenticate(token, keyring, tokens, store):
    """A Principal for a valid token, else raise AuthFailure."""
    kind = token_kind(token)
    if kind == "jwt":
        return _from_jwt(keyring.verify(token), store)
    if kind == "sanctum":
        user = store.users.get(tokens.sanctum.get(token))
        if user is None:
            raise AuthFailure()
        return Principal("sanctum", user["team_id"], _public_user(user))
    if kind == "machine":
        record = tokens.machine.get(token)
        if record is None or record.revoked or record.expires_at <= time.time():
            raise AuthFailure()
        team_id = store.team_of_gateway(record.gateway_id)
        if team_id is None:
            raise AuthFailure()
        return Principal("machine", team_id, {}, record.gateway_id)
    raise AuthFailure()


def _from_jwt(claims, store):
    team = claims.get("team") if isinstance(claims.get("team"), dict) else {}
    known_user = store.users.get(claims["sub"])
    team_id = team.get("id") if team.get("id") in store.teams else None
    if team_id is None and known_user:
        team_id = known_user["team_id"]
    if team_id is None:
        raise AuthFailure()
    user = claims.get("user") if isinstance(claims.get("user"), dict) else {}
    fallback = known_user or {"id": claims["sub"], "name": None, "email": None}
    merged = {k: user.get(k, fallback.get(k)) for k in ("id", "name", "email")}
    return Principal("jwt", team_id, merged)
