"""The gateway change queue: list, get, acknowledge, applied, failed (machine tokens only)."""
from .store import CHANGE_STATUSES
from .pagination import paginate
from .util import ApiError, not_found, now_iso, validation_error


def _gateway_id(ctx):
    if ctx.principal.kind != "machine":
        raise ApiError(403, "This action requires a gateway machine token.")
    return ctx.principal.gateway_id


def _statuses(ctx):
    wanted = [s.strip() for v in ctx.values("status", "status[]") for s in v.split(",") if s.strip()]
    bad = [s for s in wanted if s not in CHANGE_STATUSES]
    if bad:
        raise validation_error({"status": ["The selected status %s is invalid." % s for s in bad]})
    return set(wanted) or {"pending"}


def list_changes(ctx):
    gateway_id = _gateway_id(ctx)
    statuses = _statuses(ctx)
    items = ctx.emu.store.select("changes", gateway_id=gateway_id)
    return paginate(ctx, [c for c in items if c.get("status") in statuses])


def _own_change(ctx, change_id):
    gateway_id = _gateway_id(ctx)
    change = ctx.emu.store.find("changes", change_id)
    if change is None or change.get("gateway_id") != gateway_id:
        raise not_found()
    return change


def get_change(ctx, change_id):
    return {"data": _own_change(ctx, change_id)}


def acknowledge(ctx):
    gateway_id = _gateway_id(ctx)
    ids = ctx.json().get("change_ids")
    if not isinstance(ids, list) or not ids:
        raise validation_error({"change_ids": ["The change ids field is required."]})
    errors, found = {}, []
    for n, change_id in enumerate(ids):
        change = ctx.emu.store.find("changes", change_id) if isinstance(change_id, str) else None
        if change is None or change.get("gateway_id") != gateway_id:
            errors["change_ids.%d" % n] = ["The selected change_ids.%d is invalid." % n]
        elif change["status"] in ("applied", "failed"):
            errors["change_ids.%d" % n] = ["Change %s is %s and cannot be acknowledged." % (change_id, change["status"])]
        else:
            found.append(change)
    if errors:
        raise validation_error(errors)
    for change in found:
        _move(change, "acknowledged")
    return {"message": "Changes acknowledged.", "acknowledged": [c["id"] for c in found]}


def _move(change, status):
    if change["status"] != status:
        change["status"] = status
        change["updated_at"] = now_iso()


def _require_acknowledged(change, verb):
    if change["status"] != "acknowledged":
        message = "Change %s is %s and cannot be marked %s." % (change["id"], change["status"], verb)
        raise ApiError(422, message, {"status": [message]})


def mark_applied(ctx, change_id):
    change = _own_change(ctx, change_id)
    _require_acknowledged(change, "applied")
    _move(change, "applied")
    return {"message": "Change marked applied.", "data": change}


def mark_failed(ctx, change_id):
    change = _own_change(ctx, change_id)
    body = ctx.json()
    errors = {}
    if not isinstance(body.get("error"), str) or not body["error"].strip():
        errors["error"] = ["The error field is required."]
    details = body.get("details")
    if details is not None and (not isinstance(details, list) or not all(isinstance(d, str) for d in details)):
        errors["details"] = ["The details field must be an array of strings."]
    if errors:
        raise validation_error(errors)
    _require_acknowledged(change, "failed")
    _move(change, "failed")
    change["error"] = body["error"]
    ctx.emu.store.change_details[change["id"]] = list(details or [])
    return {"message": "Change marked failed.", "data": change}
