"""A local imitation of the AIR MILES Collector Service and its Auth0 tenant (no Qt)."""

from console.sandbox.config import Faults, SandboxConfig
from console.sandbox.server import EmbeddedSandbox, start_embedded

__all__ = ["EmbeddedSandbox", "Faults", "SandboxConfig", "start_embedded"]
