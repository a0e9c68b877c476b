"""The unauthenticated control API under /_emulator/ (never logged)."""
from .context import Response
from .util import ApiError

FAULT_KEYS = {"status", "count", "method", "path", "query", "retry_after", "kind", "delay", "body"}


def _log(emu, ctx):
    if ctx.method == "DELETE":
        emu.clear_log()
        return {"message": "Log cleared."}
    return {"data": emu.requests()}


def _reset(emu, ctx):
    emu.reset()
    return {"message": "Reset."}


def _faults(emu, ctx):
    if ctx.method == "DELETE":
        emu.clear_faults()
        return {"message": "Faults cleared."}
    body = ctx.json()
    unknown = set(body) - FAULT_KEYS
    if unknown:
        raise ApiError(422, "Unknown fault keys: %s" % ", ".join(sorted(unknown)))
    try:
        emu.inject(**body)
    except (TypeError, ValueError) as error:
        raise ApiError(422, str(error))
    return Response(201, {"message": "Fault added.", "faults": len(emu.faults.active)})


def _latency(emu, ctx):
    try:
        emu.latency = max(0.0, float(ctx.json().get("latency", 0.0)))
    except (TypeError, ValueError):
        raise ApiError(422, "latency must be a number of seconds.")
    return {"latency": emu.latency}


def _info(emu, ctx):
    return emu.info()


def _seed(emu, ctx):
    body = ctx.json()
    seed = body.get("seed", body) if set(body) <= {"seed"} and body else body
    try:
        emu.seed(seed or "empty")
    except (TypeError, ValueError) as error:
        raise ApiError(422, str(error))
    return {"message": "Seeded.", "counts": {k: len(emu.store.items(k)) for k in emu.KINDS}}


ROUTES = {
    "/_emulator/log": ({"GET", "DELETE"}, _log),
    "/_emulator/reset": ({"POST"}, _reset),
    "/_emulator/faults": ({"POST", "DELETE"}, _faults),
    "/_emulator/latency": ({"POST"}, _latency),
    "/_emulator/info": ({"GET"}, _info),
    "/_emulator/seed": ({"POST"}, _seed),
}


def handle(ctx):
    route = ROUTES.get(ctx.path.rstrip("/"))
    if route is None:
        return Response(404, {"message": "Unknown emulator admin route."})
    methods, handler = route
    if ctx.method not in methods:
        return Response(405, {"message": "Method not allowed."}, {"Allow": ", ".join(sorted(methods))})
    try:
        result = handler(ctx.emu, ctx)
    except ApiError as error:
        return Response(error.status, error.body())
    return result if isinstance(result, Response) else Response(200, result)
