"""The API application: route table, authentication, latency, faults and the request log."""
import re
import time
from urllib.parse import unquote

from . import changes, harmony, resources
from .auth import AuthFailure, authenticate, bearer
from .context import Response
from .faults import HTML
from .util import ApiError

ID = r"([^/]+)"
ROUTES = [  # (pattern, {method: handler}, needs auth); the first full match wins
    (r"/api/\.well-known/jwks\.json", {"GET": resources.jwks}, False),
    (r"/api/gateways", {"GET": resources.list_handler("gateways")}, True),
    (r"/api/gateways/" + ID, {"GET": resources.get_gateway}, True),
    (r"/api/services", {"GET": resources.list_handler("services")}, True),
    (r"/api/services/" + ID, {"GET": resources.get_service}, True),
    (r"/api/endpoints", {"GET": resources.list_handler("endpoints")}, True),
    (r"/api/backends", {"GET": resources.list_handler("backends")}, True),
    (r"/api/pipelines", {"GET": resources.list_handler("pipelines")}, True),
    (r"/api/gateway/base-url", {"GET": resources.base_url}, True),
    (r"/api/gateway/changes", {"GET": changes.list_changes}, True),
    (r"/api/gateway/changes/acknowledge", {"POST": changes.acknowledge}, True),
    (r"/api/gateway/changes/" + ID, {"GET": changes.get_change}, True),
    (r"/api/gateway/changes/" + ID + "/applied", {"POST": changes.mark_applied}, True),
    (r"/api/gateway/changes/" + ID + "/failed", {"POST": changes.mark_failed}, True),
    (r"/api/harmony/authorize", {"POST": harmony.authorize}, True),
    (r"/api/harmony/revoke", {"POST": harmony.revoke}, True),
]
COMPILED = [(re.compile(p), methods, auth) for p, methods, auth in ROUTES]


def _match(path):
    trimmed = path.rstrip("/") or "/"
    for pattern, methods, auth in COMPILED:
        found = pattern.fullmatch(trimmed)
        if found:
            return methods, auth, [unquote(g) for g in found.groups()]
    return None, None, None


def _authenticate(emu, ctx):
    """(log label, AuthFailure or None); sets ctx.principal when the token is good."""
    token = bearer(ctx.headers)
    if token is None:
        return "none", AuthFailure()
    ctx.token = token
    try:
        ctx.principal = authenticate(token, emu.keyring, emu.tokens, emu.store)
    except AuthFailure as failure:
        return "invalid", failure
    return ctx.principal.kind, None


def _route_path(emu, path):
    """Change routes are also served under emu.base_url's path when it points at this server."""
    base = emu.base_url or ""
    if not emu.origin or not base.startswith(emu.origin + "/"):
        return path
    prefix = base[len(emu.origin):].rstrip("/")
    if prefix != "/api" and path.startswith(prefix + "/gateway/"):
        return "/api" + path[len(prefix):]
    return path


def _route(emu, ctx, failure):
    methods, needs_auth, args = _match(_route_path(emu, ctx.path))
    if methods is None:
        raise ApiError(404, "The route %s could not be found." % ctx.path.lstrip("/"))
    handler = methods.get(ctx.method)
    if handler is None:
        raise ApiError(405, "The %s method is not supported for route %s. Supported methods: %s."
                       % (ctx.method, ctx.path.lstrip("/"), ", ".join(sorted(methods))),
                       headers={"Allow": ", ".join(sorted(methods))})
    if needs_auth and failure is not None:
        raise ApiError(401, failure.message)
    result = handler(ctx, *args)
    return result if isinstance(result, Response) else Response(200, result)


def _fault_response(fault):
    if fault.kind == "reset":
        return Response(0, reset=True)
    if fault.kind == "nonjson":
        return Response(200, fault.body if isinstance(fault.body, str) else HTML,
                        content_type="text/html; charset=UTF-8")
    status, body, headers = fault.status_answer()
    return Response(status, body, headers)


def serve_api(emu, ctx):
    """Answer one API request (never raises for API errors) and log it."""
    started = time.time()
    if emu.latency:
        time.sleep(emu.latency)
    fault = emu.faults.take(ctx.method, ctx.path, ctx.query)
    if fault is not None and fault.kind == "slow":
        time.sleep(fault.delay)
        fault = None
    with emu.lock:
        label, failure = _authenticate(emu, ctx)
        if fault is not None:
            response = _fault_response(fault)
        else:
            try:
                response = _route(emu, ctx, failure)
            except ApiError as error:
                response = Response(error.status, error.body(), dict(error.headers))
        if not response.reset:
            response.body = response.payload()  # serialise while the data cannot change
        emu.log.append({"method": ctx.method, "path": ctx.path, "query": dict(ctx.query),
                        "query_list": [list(pair) for pair in ctx.query_list],
                        "status": response.status, "auth": label, "time": started,
                        "duration": time.time() - started})
    return response
