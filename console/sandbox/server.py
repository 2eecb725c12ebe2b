"""Running the sandbox on uvicorn: embedded in a background thread, or in the foreground."""

from __future__ import annotations

import asyncio
import os
import socket
import threading
import time
import uuid
from types import TracebackType

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from console.sandbox.app import Sandbox, SandboxASGI, create_app
from console.sandbox.config import SandboxConfig
from console.sandbox.limits import HEAD_TIMEOUT, MAX_HEADER_BYTES
from console.sandbox.messages import RESPONSE_MESSAGES
from console.sandbox.responses import JSON_TYPE, dump

START_TIMEOUT = 10.0


def bind(host: str, port: int) -> socket.socket:
    """A listening TCP socket (IPv4 or IPv6 by the host's form)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP explicitly: asyncio only sets TCP_NODELAY on accepted sockets of that protocol.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        if os.name != "nt":  # on Windows the option would let another process take the port
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(1024)
    except OSError:
        sock.close()
        raise
    sock.setblocking(False)
    return sock


def base_url_for(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ("0.0.0.0", "") else f"[{host}]" if ":" in host else host  # noqa: S104
    if host == "::":
        shown = "[::1]"
    return f"http://{shown}:{port}"


class GuardedProtocol(H11Protocol):
    """uvicorn's h11 protocol with a deadline for each request line and headers (a client that stops
    sending is cut off), and the contract's error body for a request it cannot read."""

    _head_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_head_timer()

    def _arm_head_timer(self) -> None:
        self._stop_head_timer()
        self._head_timer = self.loop.call_later(HEAD_TIMEOUT, self._head_timed_out)

    def _stop_head_timer(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_timed_out(self) -> None:
        self._head_timer = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self.transport.close()

    def handle_events(self) -> None:
        super().handle_events()
        if self.conn.their_state is not h11.IDLE:
            self._stop_head_timer()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm_head_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_head_timer()
        super().connection_lost(exc)

    def send_400_response(self, msg: str) -> None:
        body = dump(
            {
                "responseCode": "INVALID_REQUEST",
                "message": RESPONSE_MESSAGES["UNREADABLE_REQUEST"][0],
                "correlationId": str(uuid.uuid4()),
            }
        )
        headers = [(b"content-type", JSON_TYPE.encode()), (b"connection", b"close")]
        for event in (
            h11.Response(status_code=400, headers=headers),
            h11.Data(data=body),
            h11.EndOfMessage(),
        ):
            self.transport.write(self.conn.send(event) or b"")
        self.transport.close()


def make_server(app: SandboxASGI, *, log_level: str = "warning") -> uvicorn.Server:
    """A uvicorn server for app on h11 (with the limits above), no access log, our own socket."""
    config = uvicorn.Config(
        app,
        http=GuardedProtocol,
        h11_max_incomplete_event_size=MAX_HEADER_BYTES,
        ws="none",
        lifespan="off",
        interface="asgi3",
        log_level=log_level,
        access_log=False,
        proxy_headers=False,
        server_header=False,
        log_config=None,  # leave the host application's logging alone
        timeout_graceful_shutdown=2,
    )
    return uvicorn.Server(config)


class EmbeddedSandbox:
    """A sandbox serving on loopback from a daemon thread; `stop()` (or leaving the `with`) ends it."""

    def __init__(self, config: SandboxConfig, port: int = 0, host: str = "127.0.0.1") -> None:
        self._socket = bind(host, port)
        self.port: int = self._socket.getsockname()[1]
        self.base_url = base_url_for(host, self.port)
        self.app = create_app(config, self.base_url)
        # Embedded, uvicorn's warnings are about malformed client requests: not worth a log line.
        self._server = make_server(self.app, log_level="error")
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name=f"sandbox-{self.port}", daemon=True)

    @property
    def sandbox(self) -> Sandbox:
        """The running sandbox's state (data, settings, faults), for tests that look inside."""
        return self.app.sandbox

    def _run(self) -> None:
        try:
            asyncio.run(self._server.serve(sockets=[self._socket]))
        except BaseException as error:
            self._error = error

    def start(self) -> EmbeddedSandbox:
        self._thread.start()
        deadline = time.monotonic() + START_TIMEOUT
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("the sandbox did not start") from self._error
            time.sleep(0.002)
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        if self._thread.is_alive():
            self._thread.join()
        self._socket.close()
        self.app.sandbox.close()

    def __enter__(self) -> EmbeddedSandbox:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


def start_embedded(config: SandboxConfig | None = None, port: int = 0) -> EmbeddedSandbox:
    """Start a sandbox on 127.0.0.1 (a free port by default); returns once it accepts connections."""
    return EmbeddedSandbox(config or SandboxConfig(), port).start()
