"""POST /api/harmony/authorize and /api/harmony/revoke."""
import datetime
import time

from .auth import MACHINE_TTL
from .context import Response
from .util import UTC, ApiError, iso, validation_error

ABILITIES = ["harmony:send", "harmony:receive"]


def _user_only(ctx):
    if ctx.principal.kind == "machine":
        raise ApiError(403, "This action requires a user token.")


def _check_common(body, errors):
    token = body.get("token")
    if not isinstance(token, str) or not token:
        errors["token"] = ["The token field is required."]
    code = body.get("gateway_code")
    if code is None or code == "":
        errors["gateway_code"] = ["The gateway code field is required."]
    elif not isinstance(code, str):
        errors["gateway_code"] = ["The gateway code field must be a string."]
    elif len(code) > 255:
        errors["gateway_code"] = ["The gateway code field must not be greater than 255 characters."]


def _check_authorize_extras(body, errors):
    key = body.get("machine_public_key")
    if key is not None and not isinstance(key, str):
        errors["machine_public_key"] = ["The machine public key field must be a string."]
    metadata = body.get("metadata")
    if metadata is None:
        return
    if not isinstance(metadata, list):
        errors["metadata"] = ["The metadata field must be an array."]
        return
    for n, item in enumerate(metadata):
        if not isinstance(item, str):
            errors["metadata.%d" % n] = ["The metadata.%d field must be a string." % n]


def _validated(ctx, extras=False):
    _user_only(ctx)
    body = ctx.json()
    errors = {}
    _check_common(body, errors)
    if extras:
        _check_authorize_extras(body, errors)
    if errors:
        raise validation_error(errors)
    if body["token"] != ctx.token:
        raise validation_error({"token": ["The token must match the bearer token."]})
    return body


def _own_gateway(ctx, code, create):
    gateway = ctx.emu.store.gateway_by_code(code)
    if gateway is None:
        if not create:
            raise ApiError(404, "Gateway not found.")
        return ctx.emu.store.create_gateway(ctx.principal.team_id, code)
    if gateway.get("team_id") != ctx.principal.team_id:
        raise ApiError(403, "This gateway belongs to another team.")
    return gateway


def issue(emu, gateway, user):
    """A new machine token for gateway, as the authorize answer body."""
    token, record = emu.tokens.issue_machine(gateway["id"])
    expires = datetime.datetime.fromtimestamp(record.expires_at, UTC)
    return {
        "machine_token": token, "expires_in": MACHINE_TTL, "expires_at": iso(expires),
        "gateway": {"id": gateway["id"], "code": gateway["code"], "name": gateway["name"],
                    "authorized_by": dict(user)},
        "abilities": list(ABILITIES),
    }


def authorize(ctx):
    body = _validated(ctx, extras=True)
    gateway = _own_gateway(ctx, body["gateway_code"], create=True)
    ctx.emu.store.gateway_extras[gateway["id"]] = {
        "machine_public_key": body.get("machine_public_key"), "metadata": body.get("metadata"),
        "authorized_by": dict(ctx.principal.user), "authorized_at": time.time()}
    return Response(201, issue(ctx.emu, gateway, ctx.principal.user))


def revoke(ctx):
    body = _validated(ctx)
    gateway = _own_gateway(ctx, body["gateway_code"], create=False)
    count = ctx.emu.tokens.revoke_gateway(gateway["id"])
    return {"message": "Machine tokens revoked.", "revoked": count}
