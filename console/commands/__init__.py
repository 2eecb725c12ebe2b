"""Headless commands of `collector-console`: `collector-console NAME ...` runs `COMMANDS[NAME].main(args)`.

Each command is a module with `main(argv: list[str]) -> int`; it uses the same services as the window
and imports no Qt.
"""

from __future__ import annotations

import importlib

COMMANDS: dict[str, str] = {
    "check": "console.commands.check",
    "import": "console.commands.import_enrollments",
    "audit": "console.commands.audit",
}
"""Command name -> module that implements it."""


def run(name: str, argv: list[str]) -> int:
    """Run command `name` with its own arguments; the process exit code."""
    module = importlib.import_module(COMMANDS[name])
    return int(module.main(argv))
