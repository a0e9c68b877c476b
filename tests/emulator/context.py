"""The request as route handlers see it, and the answer they give."""
import json
from dataclasses import dataclass, field

from .util import ApiError


@dataclass
class Response:
    status: int
    body: object = None  # JSON-able, or bytes/str sent as-is with content_type
    headers: dict = field(default_factory=dict)
    content_type: str = "application/json"
    reset: bool = False  # close the socket without answering

    def payload(self):
        if isinstance(self.body, bytes):
            return self.body
        if self.body is None:
            return b""
        if isinstance(self.body, str) and self.content_type != "application/json":
            return self.body.encode("utf-8")
        return json.dumps(self.body).encode("utf-8")


@dataclass
class Context:
    emu: object
    method: str
    path: str
    query: dict
    query_list: list
    body: bytes
    headers: object
    token: str = None  # raw bearer token: compare only, never log
    principal: object = None

    def json(self):
        """The body as a JSON object; 400 when it is not one."""
        if not self.body or not self.body.strip():
            return {}
        try:
            data = json.loads(self.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise ApiError(400, "The request body is not valid JSON.")
        if not isinstance(data, dict):
            raise ApiError(400, "The request body must be a JSON object.")
        return data

    def values(self, *names):
        """Every value of the given query keys, in order (for repeated keys)."""
        return [v for k, v in self.query_list if k in names]
