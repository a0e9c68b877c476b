"""Read routes: gateways, services, endpoints, backends, pipelines, base-url, JWKS."""
from .context import Response
from .pagination import paginate
from .util import not_found

FILTERS = {"gateways": (), "services": ("gateway_id",), "endpoints": ("gateway_id", "service_id"),
           "backends": ("gateway_id", "service_id"), "pipelines": ("gateway_id",)}


def list_handler(kind):
    def handler(ctx):
        where = {"team_id": ctx.principal.team_id}
        for name in FILTERS[kind]:
            if ctx.query.get(name):
                where[name] = ctx.query[name]
        return paginate(ctx, ctx.emu.store.select(kind, **where))
    handler.__name__ = "list_" + kind
    return handler


def get_gateway(ctx, ref):
    gateway = ctx.emu.store.gateway_by_ref(ref, ctx.principal.team_id)
    if gateway is None:
        raise not_found()
    return {"data": gateway}


def get_service(ctx, service_id):
    service = ctx.emu.store.find("services", service_id, ctx.principal.team_id)
    if service is None:
        raise not_found()
    return {"data": service}


def base_url(ctx):
    return {"base_url": ctx.emu.base_url}


def jwks(ctx):
    return Response(200, ctx.emu.keyring.jwks(), {"Cache-Control": "public, max-age=3600"})
