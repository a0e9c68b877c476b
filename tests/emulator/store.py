"""The emulator's data: one list of wire-format dicts per kind, plus cached indexes.

Tests may read and change the lists (``emu.gateways.append(...)``, edit a dict in
place). Indexes are rebuilt when a list is replaced, changes length, or
``touch()`` is called, so direct edits are picked up without O(n) work per request.
"""
import uuid

from .util import now_iso

KINDS = ("gateways", "services", "endpoints", "backends", "pipelines", "changes")
CHANGE_STATUSES = ("pending", "acknowledged", "applied", "failed")


def sort_key(item):
    return (item.get("created_at") or "", str(item.get("id") or ""))


class Store:
    def __init__(self):
        self.teams = {}  # team id -> {"id", "name"}
        self.users = {}  # user id -> {"id", "name", "email", "team_id"}
        self.clear()

    def clear(self):
        for kind in KINDS:
            setattr(self, kind, [])
        self.gateway_extras = {}  # gateway id -> {"machine_public_key", "metadata", ...}
        self.change_details = {}  # change id -> details lines sent with /failed
        self.version = 0
        self._cache = {}

    def touch(self):
        """Call after editing sort keys, team ids or filter fields in place."""
        self.version += 1

    def items(self, kind):
        return getattr(self, kind)

    # indexes -------------------------------------------------------------
    def index(self, kind, fields):
        """{tuple of field values: items sorted by (created_at, id)}, cached."""
        items = self.items(kind)
        stamp = (id(items), len(items), self.version)
        cached = self._cache.get((kind, fields))
        if cached and cached[0] == stamp:
            return cached[1]
        groups = {}
        for item in sorted(items, key=sort_key):
            groups.setdefault(tuple(item.get(f) for f in fields), []).append(item)
        self._cache[(kind, fields)] = (stamp, groups)
        return groups

    def select(self, kind, **where):
        fields = tuple(sorted(where))
        return self.index(kind, fields).get(tuple(where[f] for f in fields), [])

    # lookups -------------------------------------------------------------
    def find(self, kind, item_id, team_id=None):
        for item in self.items(kind):
            if str(item.get("id")) == item_id and team_id in (None, item.get("team_id")):
                return item
        return None

    def gateway_by_code(self, code):
        for gateway in self.gateways:
            if gateway.get("code") == code:
                return gateway
        return None

    def gateway_by_ref(self, ref, team_id):
        """GET /api/gateways/{id or code}: an id match first, then a code match."""
        return self.find("gateways", ref, team_id) or next(
            (g for g in self.gateways if g.get("code") == ref and g.get("team_id") == team_id), None)

    def team_of_gateway(self, gateway_id):
        gateway = self.find("gateways", gateway_id)
        return gateway.get("team_id") if gateway else None

    # runtime creation ----------------------------------------------------
    def create_gateway(self, team_id, code):
        stamp = now_iso()
        gateway = {
            "type": "gateway", "id": str(uuid.uuid4()), "code": code, "name": code.lower(),
            "team_id": team_id, "enabled": True, "pipelines_path": None, "transforms_path": None,
            "jwks_cache_duration_hours": 24, "management_enabled": False,
            "management_base_path": None, "management_network_id": None, "dns": [],
            "settings": None, "created_at": stamp, "updated_at": stamp,
        }
        self.gateways.append(gateway)
        return gateway

    def add_change(self, gateway_id, status="pending", operation="update",
                   resource_type="service", resource_id=None, payload=None, error=None):
        if status not in CHANGE_STATUSES:
            raise ValueError("unknown change status %r" % status)
        stamp = now_iso()
        change = {
            "id": str(uuid.uuid4()), "type": "change", "gateway_id": gateway_id,
            "status": status, "operation": operation, "resourceType": resource_type,
            "resource_id": resource_id if resource_id is not None else str(uuid.uuid4()),
            "payload": payload if payload is not None else {}, "error": error,
            "created_at": stamp, "updated_at": stamp,
        }
        self.changes.append(change)
        return change
