"""The HTTP(S) server: a ThreadingHTTPServer whose handler turns requests into Contexts."""
import socket
import ssl
import struct
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

from . import admin
from .app import serve_api
from .context import Context, Response

MAX_BODY = 10 * 1024 * 1024


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "RunbeamEmulator/1.0"
    timeout = 60  # idle keep-alive connections are dropped after this
    wbufsize = -1  # buffered: headers and body leave in one write (no Nagle/delayed-ACK stalls)
    disable_nagle_algorithm = True

    def log_message(self, format, *args):  # noqa: A002 - silence stderr logging
        pass

    def setup(self):
        super().setup()
        self.server.track(self.connection, True)

    def finish(self):
        try:
            super().finish()
        finally:
            self.server.track(self.connection, False)

    def do_GET(self):
        self._dispatch("GET")

    def do_POST(self):
        self._dispatch("POST")

    def do_PUT(self):
        self._dispatch("PUT")

    def do_PATCH(self):
        self._dispatch("PATCH")

    def do_DELETE(self):
        self._dispatch("DELETE")

    def do_OPTIONS(self):
        self._dispatch("OPTIONS")

    def _read_body(self):
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            return None
        if length < 0 or length > MAX_BODY:
            return None
        return self.rfile.read(length) if length > 0 else b""

    def _dispatch(self, method):
        body = self._read_body()
        if body is None:
            self.close_connection = True
            return self._send(Response(400, {"message": "Bad Content-Length."}))
        parts = urlsplit(self.path)
        pairs = parse_qsl(parts.query, keep_blank_values=True)
        ctx = Context(self.server.emulator, method, parts.path, dict(pairs), pairs, body, self.headers)
        if parts.path == "/_emulator" or parts.path.startswith("/_emulator/"):
            return self._send(admin.handle(ctx))
        try:
            response = serve_api(self.server.emulator, ctx)
        except Exception as error:  # a bug in the emulator: answer JSON, keep serving
            response = Response(500, {"message": "Emulator error: %s" % type(error).__name__})
        self._send(response)

    def _send(self, response):
        if response.reset:
            return self._reset()
        payload = response.payload()
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(payload)))
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)
        self.wfile.flush()

    def _reset(self):
        """Drop the connection without an answer (RST where the OS allows)."""
        self.close_connection = True
        try:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        except OSError:
            pass


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, address, emulator, ssl_context=None, family=socket.AF_INET):
        self.address_family = family
        self.emulator = emulator
        self.ssl_context = ssl_context
        self._connections = set()
        self._connections_lock = threading.Lock()
        super().__init__(address, Handler)

    def track(self, connection, alive):
        with self._connections_lock:
            (self._connections.add if alive else self._connections.discard)(connection)

    def finish_request(self, request, client_address):
        if self.ssl_context is None:
            return super().finish_request(request, client_address)
        try:
            request.settimeout(10)
            tls = self.ssl_context.wrap_socket(request, server_side=True)
            tls.settimeout(None)
        except (ssl.SSLError, OSError):
            return None
        try:
            self.RequestHandlerClass(tls, client_address, self)
        finally:
            tls.close()

    def close_connections(self):
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
