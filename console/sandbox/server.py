"""Running the sandbox on uvicorn: embedded in a background thread, or in the foreground."""

from __future__ import annotations

import asyncio
import os
import socket
import threading
import time
from types import TracebackType

import uvicorn

from console.sandbox.app import Sandbox, SandboxASGI, create_app
from console.sandbox.config import SandboxConfig

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


def make_server(app: SandboxASGI, *, log_level: str = "warning") -> uvicorn.Server:
    """A uvicorn server for app: httptools when installed (else h11), no access log, our own socket."""
    config = uvicorn.Config(
        app,
        http="auto",
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
