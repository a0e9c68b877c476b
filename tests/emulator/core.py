"""Emulator: the object tests use to start, inspect and steer the fake Runbeam Cloud."""
import datetime
import ipaddress
import shutil
import socket
import tempfile
import threading
import time

from . import tls as tls_mod
from .auth import KeyRing, Tokens
from .faults import Faults, path_matches
from .harmony import issue
from .seed import TEAM_A, TEAM_B, USER_A, USER_B, seed_store
from .server import Server
from .store import KINDS, Store
from .util import UTC, iso

TEAMS = {"A": (TEAM_A, USER_A), "B": (TEAM_B, USER_B)}


def _base_claims(origin, team):
    """Default claims for team "A" or "B"; any other team value is taken as the team claim itself."""
    if isinstance(team, str) and team in TEAMS:
        team_info, user = TEAMS[team]
    else:  # a dict (or None) given as the team claim itself, for team A's user
        team_info, user = team, USER_A
    now = int(time.time())
    return {"iss": origin, "sub": user["id"], "aud": "runbeam-cli", "iat": now, "exp": now + 3600,
            "user": {k: user[k] for k in ("id", "email", "name")},
            "team": dict(team_info) if isinstance(team_info, dict) else team_info}


def check_loopback(host):
    """Only loopback addresses: the emulator hands out tokens to anyone who asks."""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        raise ValueError("host must be a loopback IP address (127.0.0.0/8 or ::1), not %r" % host)
    if not address.is_loopback:
        raise ValueError("host must be a loopback IP address (127.0.0.0/8 or ::1), not %r" % host)
    return address


class Emulator:
    KINDS = KINDS

    def __init__(self, tls=False, latency=0.0, seed="default", port=0, host="127.0.0.1"):
        self.host = str(check_loopback(host))
        self.tls, self.port = tls, port
        self.lock = threading.RLock()
        self.store = Store()
        self.keyring = KeyRing()
        self.tokens = Tokens()
        self.faults = Faults()
        self.log = []
        self.latency = latency
        self.total_offset = 0
        self._seed = seed
        self.seed(seed)
        self.sanctum_token = self.tokens.add_sanctum(1, USER_A["id"])
        self.other_sanctum_token = self.tokens.add_sanctum(2, USER_B["id"])
        self._server = self._thread = self._tmpdir = None
        self.ca_path = None
        self.origin = self.api = self.base_url = None

    # lifecycle -------------------------------------------------------------
    def start(self):
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        context = None
        if self.tls:
            self._tmpdir = tempfile.mkdtemp(prefix="runbeam-emulator-")
            self.ca_path, cert, key = tls_mod.make_tls_files(self._tmpdir, self.host)
            context = tls_mod.server_context(cert, key)
        self._server = Server((self.host, self.port), self, context, family)
        port = self._server.server_address[1]
        shown = "[%s]" % self.host if family == socket.AF_INET6 else self.host
        self.origin = "%s://%s:%d" % ("https" if self.tls else "http", shown, port)
        self.api = self.origin + "/api"
        if self.base_url is None:
            self.base_url = self.api
        self._thread = threading.Thread(target=self._server.serve_forever, name="runbeam-emulator",
                                        kwargs={"poll_interval": 0.1}, daemon=True)
        self._thread.start()
        return self

    def stop(self):
        if self._server is not None:
            self._server.shutdown()
            self._server.close_connections()
            self._server.server_close()
            self._thread.join(5)
            self._server = self._thread = None
        if self._tmpdir:
            shutil.rmtree(self._tmpdir, ignore_errors=True)
            self._tmpdir = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    # data --------------------------------------------------------------------
    def seed(self, seed):
        """Replace the data with a seed ("default", "empty" or a dict); reset() returns to it."""
        with self.lock:
            seed_store(self.store, seed)
            self._seed = seed

    def reset(self):
        with self.lock:
            seed_store(self.store, self._seed)
            self.log.clear()
            self.faults.clear()
            self.latency = 0.0
            self.total_offset = 0

    gateways = property(lambda self: self.store.gateways)
    services = property(lambda self: self.store.services)
    endpoints = property(lambda self: self.store.endpoints)
    backends = property(lambda self: self.store.backends)
    pipelines = property(lambda self: self.store.pipelines)
    changes = property(lambda self: self.store.changes)
    team_a = property(lambda self: dict(TEAM_A))
    team_b = property(lambda self: dict(TEAM_B))

    def add_change(self, gateway_id, status="pending", operation="update", resource_type="service",
                   resource_id=None, payload=None, error=None):
        with self.lock:
            return self.store.add_change(gateway_id, status, operation, resource_type,
                                         resource_id, payload, error)

    # tokens ------------------------------------------------------------------
    def jwt(self, kid=None, team="A", **overrides):
        """An RS256 user JWT for team "A" (default) or "B"; a claim set to None is left out."""
        claims = _base_claims(self.origin, team)
        claims.update(overrides)
        claims = {k: v for k, v in claims.items() if v is not None}
        return self.keyring.sign(claims, kid)

    def forge_jwt(self, alg="none", kid=None, team="A", **overrides):
        """A token that must be refused: alg "none", or "HS256" keyed with the RSA public key PEM."""
        claims = _base_claims(self.origin, team)
        claims.update(overrides)
        return self.keyring.forge(alg, claims, kid)

    def share_tokens(self, other):
        """Accept other's Sanctum and machine tokens (same seed gives the same gateway ids):
        e.g. a second emulator serving the changes API that base-url discovery points to."""
        self.tokens = other.tokens
        self.sanctum_token, self.other_sanctum_token = other.sanctum_token, other.other_sanctum_token

    def rotate_key(self):
        with self.lock:
            self.keyring.rotate()
        return self.keyring.kid

    def issue_machine_token(self, gateway_code, team="A"):
        """A machine token payload (as the SDK stores it), creating the gateway when missing."""
        team_info, user = TEAMS[team]
        with self.lock:
            gateway = self.store.gateway_by_code(gateway_code)
            if gateway is None:
                gateway = self.store.create_gateway(team_info["id"], gateway_code)
            answer = issue(self, gateway, {k: user[k] for k in ("id", "name", "email")})
        return {"machine_token": answer["machine_token"], "expires_at": answer["expires_at"],
                "gateway_id": gateway["id"], "gateway_code": gateway["code"],
                "abilities": answer["abilities"], "issued_at": iso(datetime.datetime.now(UTC))}

    # log and faults ------------------------------------------------------------
    def clear_log(self):
        with self.lock:
            self.log.clear()

    def requests(self, method=None, path=None):
        with self.lock:
            return [dict(e) for e in self.log
                    if (method is None or e["method"] == method.upper()) and path_matches(path, e["path"])]

    def inject(self, status=503, count=1, method=None, path=None, query=None, retry_after=None,
               kind="status", delay=0.0, body=None):
        return self.faults.add(status=status, count=count, method=method, path=path, query=query,
                               retry_after=retry_after, kind=kind, delay=delay, body=body)

    def clear_faults(self):
        self.faults.clear()

    def info(self):
        return {"origin": self.origin, "api": self.api, "ca_path": self.ca_path,
                "sanctum_token": self.sanctum_token, "other_sanctum_token": self.other_sanctum_token,
                "jwt": self.jwt()}
