"""A real HTTP server on 127.0.0.1 standing in for third-party APIs in tests."""

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    """One scripted answer: `body` is sent as JSON (bytes as they are), or `events` as server-sent events
    (each a JSON value, or a string sent as the event's data verbatim), one chunk every `event_delay`
    seconds, after `delay` seconds."""

    status: int = 200
    body: object = field(default_factory=dict)
    headers: dict = field(default_factory=dict)
    delay: float = 0
    events: list | None = None
    event_delay: float = 0


class RecordingServer:
    """Answers each POST with the next of `self.replies` and, once they are used up, with `self.status`
    and `self.body` (JSON); records what it was sent."""

    def __init__(self):
        self.requests: list[dict] = []
        self.replies: list[Reply] = []
        self.status, self.body = 200, {}
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        # A short poll makes shutdown quick: each test's server stops within 50 ms, not half a second.
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()

    def _next_reply(self) -> Reply:
        return self.replies.pop(0) if self.replies else Reply(status=self.status, body=self.body)

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # chunked streams, as real API servers send them

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                server.requests.append(
                    {
                        "path": self.path,
                        "headers": dict(self.headers),
                        "json": json.loads(self.rfile.read(length)),
                    }
                )
                reply = server._next_reply()
                self.close_connection = True
                time.sleep(reply.delay)
                try:
                    if reply.events is None:
                        self._send_body(reply)
                    else:
                        self._send_events(reply)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout under test): nobody is left to answer

            def _send_body(self, reply: Reply):
                payload = reply.body if isinstance(reply.body, bytes) else json.dumps(reply.body).encode()
                self._start(reply, "application/json", {"Content-Length": str(len(payload))})
                self.wfile.write(payload)

            def _send_events(self, reply: Reply):
                self._start(reply, "text/event-stream", {"Transfer-Encoding": "chunked"})
                for event in reply.events:
                    data = event if isinstance(event, str) else json.dumps(event)
                    self._chunk(f"data: {data}\n\n".encode())
                    time.sleep(reply.event_delay)
                self._chunk(b"")

            def _start(self, reply: Reply, content_type: str, headers: dict):
                self.send_response(reply.status)
                for name, value in {"Content-Type": content_type, **headers, **reply.headers}.items():
                    self.send_header(name, value)
                self.end_headers()

            def _chunk(self, data: bytes):
                self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
                self.wfile.flush()

            def log_message(self, *args):
                pass

        return Handler
