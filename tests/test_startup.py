"""The first paint waits for nothing it does not show: the heavy stacks are imported after it.

How fast that paint is, is tests/bench/bench_startup.py's business; this test holds what it needs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

AFTER_FIRST_PAINT = (
    "asyncio", "qasync", "httpx", "pydantic", "keyring", "jsonschema", "yaml", "cryptography",
    "phonenumbers", "email_validator", "sqlite3", "uvicorn", "starlette", "jwt",
    "console.api", "console.services", "console.sandbox", "console.audit",
    "console.ui.enroll", "console.ui.lookup", "console.ui.inspector", "console.ui.signin",
    "console.ui.idle", "console.ui.token_view", "console.ui.check_dialog", "console.ui.import_dialog",
    "console.ui.settings_dialog", "console.ui.outbox_view",
)
"""Packages the window's first paint must not import (none of them is on screen yet)."""

CHILD = """
import json, sys
from console.__main__ import show_window
app, window = show_window()
assert window._painted, "no first paint"
print(json.dumps(sorted(sys.modules)))
"""


def test_the_first_paint_imports_none_of_what_comes_after_it(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "data"), XDG_STATE_HOME=str(tmp_path / "state"))
    result = subprocess.run([sys.executable, "-c", CHILD], env=env, capture_output=True, text=True,  # noqa: S603
                            timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout.splitlines()[-1])
    early = [name for name in loaded if any(name == p or name.startswith(p + ".") for p in AFTER_FIRST_PAINT)]
    assert early == []
