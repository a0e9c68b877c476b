"""Laravel length-aware pagination: page/per_page, data/links/meta."""
import math
from urllib.parse import urlencode

from .util import validation_error

DEFAULT_PER_PAGE = 15
MAX_PER_PAGE = 100


def _int_param(query, name, default, maximum=None):
    raw = query.get(name)
    if raw is None or raw == "":
        return default
    label = name.replace("_", " ")
    try:
        value = int(raw)
    except ValueError:
        raise validation_error({name: ["The %s field must be an integer." % label]})
    if value < 1:
        raise validation_error({name: ["The %s field must be at least 1." % label]})
    if maximum is not None and value > maximum:
        raise validation_error({name: ["The %s field must not be greater than %d." % (label, maximum)]})
    return value


def paginate(ctx, items):
    """One page of items (already filtered and sorted) as a Laravel paginated body."""
    page = _int_param(ctx.query, "page", 1)
    per_page = _int_param(ctx.query, "per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE)
    count = len(items)
    last = max(1, math.ceil(count / per_page))
    start = (page - 1) * per_page
    rows = items[start:start + per_page]
    base = ctx.emu.origin + ctx.path
    others = [(k, v) for k, v in ctx.query_list if k not in ("page", "per_page")]

    def link(number):
        return base + "?" + urlencode(others + [("per_page", per_page), ("page", number)])

    return {
        "data": rows,
        "links": {"first": link(1), "last": link(last),
                  "prev": link(page - 1) if page > 1 else None,
                  "next": link(page + 1) if page < last else None},
        "meta": {"current_page": page, "from": start + 1 if rows else None, "last_page": last,
                 "path": base, "per_page": per_page, "to": start + len(rows) if rows else None,
                 "total": count + ctx.emu.total_offset},
    }
