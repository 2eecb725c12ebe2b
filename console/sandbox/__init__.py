"""A local imitation of the AIR MILES Collector Service and its Auth0 tenant (no Qt).

Modules: `config` (start-up config, faults, settings), `seed` (fixed and generated collectors),
`store` (SQLite), `tokens` and `clients` and `oauth` (the tenant's keys, clients and grants),
`auth_routes` and `pages` (its HTTP side), `validation` and `collectors` (the Collector Service),
`control` (loopback-only `/_sandbox/*`), `clock` (the sandbox's time, which tests move on), `faults`,
`app` (the ASGI application), `server` (uvicorn: embedded or foreground) and `cli` (`collector-sandbox`).
"""

from console.sandbox.config import Faults, SandboxConfig
from console.sandbox.server import EmbeddedSandbox, start_embedded

__all__ = ["EmbeddedSandbox", "Faults", "SandboxConfig", "start_embedded"]
