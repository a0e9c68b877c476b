"""Fault injection: answer the next matching requests with an error, a reset, a delay or HTML."""
import http
import threading
from dataclasses import dataclass, field

KINDS = ("status", "reset", "slow", "nonjson")
MESSAGES = {429: "Too Many Attempts.", 401: "Unauthenticated.", 403: "This action is unauthorized.",
            404: "Not found.", 500: "Server Error", 503: "Service Unavailable"}
HTML = "<!DOCTYPE html><html><head><title>Maintenance</title></head><body><h1>Be right back.</h1></body></html>"


def path_matches(pattern, path):
    if pattern is None:
        return True
    if pattern.endswith("*"):
        return path.startswith(pattern[:-1])
    return path == pattern


@dataclass
class Fault:
    status: int = 503
    count: int = 1  # None: every matching request
    method: str = None
    path: str = None
    query: dict = field(default_factory=dict)
    retry_after: object = None
    kind: str = "status"
    delay: float = 0.0
    body: object = None

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError("fault kind must be one of %s" % ", ".join(KINDS))
        self.status = int(self.status)
        self.query = {str(k): str(v) for k, v in (self.query or {}).items()}
        if self.count is not None:
            self.count = int(self.count)

    def matches(self, method, path, query):
        return ((self.method is None or self.method.upper() == method)
                and path_matches(self.path, path)
                and all(query.get(k) == v for k, v in self.query.items()))

    def status_answer(self):
        """(status, body, headers) for kind "status"."""
        headers = {}
        if self.retry_after is not None:
            headers["Retry-After"] = str(self.retry_after)
        if self.status == 429:
            headers.update({"X-RateLimit-Limit": "60", "X-RateLimit-Remaining": "0"})
        body = self.body
        if body is None or isinstance(body, str):
            default = MESSAGES.get(self.status) or _phrase(self.status)
            body = {"message": body if isinstance(body, str) else default}
        return self.status, body, headers


def _phrase(status):
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return "Error"


class Faults:
    def __init__(self):
        self.lock = threading.Lock()
        self.active = []

    def add(self, **kwargs):
        fault = Fault(**kwargs)
        with self.lock:
            self.active.append(fault)
        return fault

    def clear(self):
        with self.lock:
            self.active = []

    def take(self, method, path, query):
        """The first fault matching this request, consuming one of its uses."""
        with self.lock:
            for fault in self.active:
                if fault.matches(method, path, query):
                    if fault.count is not None:
                        fault.count -= 1
                        if fault.count <= 0:
                            self.active.remove(fault)
                    return fault
        return None
