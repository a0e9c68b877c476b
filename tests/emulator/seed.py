"""Deterministic seed data: fixed ids (uuid5 prefix + counter) and fixed time stamps."""
import datetime
import uuid

from .util import UTC, iso

NAMESPACE = uuid.UUID("7d3c1f4e-2b6a-5c8d-9e0f-a1b2c3d4e5f6")
BASE_TIME = datetime.datetime(2026, 1, 5, 9, 0, 0, tzinfo=UTC)


def uid(*parts):
    return str(uuid.uuid5(NAMESPACE, ":".join(parts)))


TEAM_A = {"id": uid("team", "acme"), "name": "Acme"}
TEAM_B = {"id": uid("team", "globex"), "name": "Globex"}
USER_A = {"id": "user-1", "name": "Ada Admin", "email": "ada@acme.example", "team_id": TEAM_A["id"]}
USER_B = {"id": "user-2", "name": "Grace Globex", "email": "grace@globex.example", "team_id": TEAM_B["id"]}

BULK_DEFAULTS = {
    "gateways": 0, "services_per_gateway": 2, "endpoints_per_service": 2,
    "backends_per_service": 1, "pipelines_per_gateway": 1, "changes_per_gateway": 0,
    "disabled_every": 10,
}

# code, enabled, dns, settings, services
DEFAULT_A = [
    ("edge-lon-01", True, ["edge-lon-01.gw.example.net", "lon.gw.example.net"],
     {"region": "eu-west-2", "log_level": "info"}, ["orders", "billing"]),
    ("edge-nyc-01", True, ["edge-nyc-01.gw.example.net"],
     {"region": "us-east-1", "log_level": "info"}, ["orders", "catalog"]),
    ("edge-sfo-01", True, ["edge-sfo-01.gw.example.net"],
     {"region": "us-west-1", "log_level": "debug"}, ["catalog", "search"]),
    ("core-fra-01", True, ["core-fra-01.gw.example.net"],
     {"region": "eu-central-1", "tier": "core"}, ["auth", "billing"]),
    ("lab-01", False, ["lab-01.gw.example.net"], {"region": "lab"}, []),
    ("legacy-01", True, [], None, []),
]
DEFAULT_B = [
    ("globex-edge-01", True, ["globex-edge-01.gw.globex.example"], {"region": "ap-south-1"}, ["shop"]),
    ("globex-core-01", True, ["globex-core-01.gw.globex.example"], {"region": "ap-south-2"}, ["ledger"]),
]


class Builder:
    """Appends seed items to a store; ids are a per-kind uuid5 prefix plus a counter."""

    def __init__(self, store):
        self.store = store
        self.counters = dict.fromkeys(("gateways", "services", "endpoints", "backends",
                                       "pipelines", "changes"), 0)
        self.prefixes = {kind: uid("seed", kind)[:24] for kind in self.counters}
        self.tick = 0

    def _id(self, kind):
        self.counters[kind] += 1
        return "%s%012x" % (self.prefixes[kind], self.counters[kind])

    def _stamp(self):
        self.tick += 1
        return iso(BASE_TIME + datetime.timedelta(seconds=self.tick))

    def gateway(self, team_id, code, enabled=True, dns=None, settings=None):
        stamp = self._stamp()
        item = {
            "type": "gateway", "id": self._id("gateways"), "code": code, "name": code.lower(),
            "team_id": team_id, "enabled": enabled,
            "pipelines_path": "/etc/harmony/pipelines", "transforms_path": "/etc/harmony/transforms",
            "jwks_cache_duration_hours": 24, "management_enabled": enabled,
            "management_base_path": "/admin", "management_network_id": None,
            "dns": list(dns) if dns is not None else ["%s.gw.example.net" % code],
            "settings": settings, "created_at": stamp, "updated_at": stamp,
        }
        self.store.gateways.append(item)
        return item

    def service(self, gateway, name):
        item = self._child("service", "services", gateway, "%s-%s" % (gateway["code"], name), name)
        item["description"] = "%s API on %s" % (name.capitalize(), gateway["code"])
        return item

    def _child(self, type_, kind, gateway, code, name):
        item = {"type": type_, "id": self._id(kind), "code": code, "name": name,
                "team_id": gateway["team_id"], "gateway_id": gateway["id"],
                "created_at": gateway["created_at"], "updated_at": gateway["updated_at"]}
        self.store.items(kind).append(item)
        return item

    def endpoint(self, gateway, service, number):
        code = "%s-ep-%d" % (service["code"], number)
        item = self._child("endpoint", "endpoints", gateway, code, "%s-ep-%d" % (service["name"], number))
        item.update(service_id=service["id"], path="/%s/v1/r%d" % (service["name"], number),
                    methods=["GET", "POST"] if number % 2 else ["GET"],
                    description="Endpoint %d of %s" % (number, service["name"]))
        return item

    def backend(self, gateway, service, number):
        code = "%s-be-%d" % (service["code"], number)
        item = self._child("backend", "backends", gateway, code, "%s-be-%d" % (service["name"], number))
        item.update(service_id=service["id"], timeout_seconds=30,
                    url="http://%s-%d.internal:%d" % (service["name"], number, 8080 + number))
        return item

    def pipeline(self, gateway, number, endpoints, backends):
        code = "%s-pipeline-%d" % (gateway["code"], number)
        item = self._child("pipeline", "pipelines", gateway, code, "pipeline-%d" % number)
        item.update(description="Pipeline %d of %s" % (number, gateway["code"]), networks=["default"],
                    endpoints=[e["id"] for e in endpoints], backends=[b["id"] for b in backends],
                    middleware=[{"type": "cors"}, {"type": "jwt_auth", "jwks_cache_hours": 24}])
        return item

    def change(self, gateway, status, number, resource):
        stamp = self._stamp()
        item = {
            "id": self._id("changes"), "type": "change", "gateway_id": gateway["id"],
            "status": status, "operation": ("update", "create", "delete")[number % 3],
            "resourceType": resource["type"] if resource else "gateway",
            "resource_id": resource["id"] if resource else gateway["id"],
            "payload": {"name": resource["name"] if resource else gateway["name"], "revision": number},
            "error": None, "created_at": stamp, "updated_at": stamp,
        }
        self.store.changes.append(item)
        return item

    def full_gateway(self, team_id, code, enabled, dns, settings, services, shape):
        gateway = self.gateway(team_id, code, enabled, dns, settings)
        endpoints, backends = [], []
        for name in services:
            service = self.service(gateway, name)
            endpoints += [self.endpoint(gateway, service, n + 1) for n in range(shape["endpoints_per_service"])]
            backends += [self.backend(gateway, service, n + 1) for n in range(shape["backends_per_service"])]
        for n in range(shape["pipelines_per_gateway"]):
            self.pipeline(gateway, n + 1, endpoints, backends)
        return gateway


def seed_default(store):
    builder = Builder(store)
    shape = dict(BULK_DEFAULTS, pipelines_per_gateway=1)
    made = []
    for code, enabled, dns, settings, services in DEFAULT_A:
        pipelines = 0 if code == "legacy-01" else 1
        made.append(builder.full_gateway(TEAM_A["id"], code, enabled, dns, settings, services,
                                         dict(shape, pipelines_per_gateway=pipelines)))
    for gateway in made[:3]:
        services = store.select("services", gateway_id=gateway["id"])
        for n in range(3):
            builder.change(gateway, "pending", n + 1, services[n % len(services)] if services else None)
    builder.change(made[0], "acknowledged", 4, None)
    builder.change(made[0], "applied", 5, None)
    _seed_team_b(builder, shape)


def _seed_team_b(builder, shape):
    for code, enabled, dns, settings, services in DEFAULT_B:
        gateway = builder.full_gateway(TEAM_B["id"], code, enabled, dns, settings, services, shape)
        builder.change(gateway, "pending", 1, None)
        builder.change(gateway, "pending", 2, None)


def seed_bulk(store, spec):
    unknown = set(spec) - set(BULK_DEFAULTS)
    if unknown:
        raise ValueError("unknown seed keys: %s" % ", ".join(sorted(unknown)))
    shape = dict(BULK_DEFAULTS, **{k: int(v) for k, v in spec.items()})
    builder = Builder(store)
    services = ["svc-%02d" % (n + 1) for n in range(shape["services_per_gateway"])]
    every = shape["disabled_every"]
    for number in range(1, shape["gateways"] + 1):
        enabled = not (every and number % every == 0)
        gateway = builder.full_gateway(TEAM_A["id"], "gw-%05d" % number, enabled, None,
                                       {"index": number}, services, shape)
        for n in range(shape["changes_per_gateway"]):
            builder.change(gateway, "pending", n + 1, None)
    _seed_team_b(builder, BULK_DEFAULTS)


def seed_store(store, seed):
    """seed: "default", "empty" or a dict of BULK_DEFAULTS keys."""
    store.clear()
    store.teams = {t["id"]: dict(t) for t in (TEAM_A, TEAM_B)}
    store.users = {u["id"]: dict(u) for u in (USER_A, USER_B)}
    if seed == "default":
        seed_default(store)
    elif seed == "empty":
        pass
    elif isinstance(seed, dict):
        seed_bulk(store, seed)
    else:
        raise ValueError("seed must be 'default', 'empty' or a dict, not %r" % (seed,))
