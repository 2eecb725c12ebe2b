"""Make docs/screenshots/request-inspector.png (run on its own, not by pytest):

    .venv/bin/python tools/screenshots/inspector.py [PATH]

The main window signed in to an embedded sandbox, after a search and a few lookups (one not found),
with the request inspector open on a member's profile before the caller is verified: every personal value
masked, "Show personal data" unavailable.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
import tempfile
from pathlib import Path
from types import SimpleNamespace

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import keyring  # noqa: E402
from keyring.backends import null  # noqa: E402
from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtGui import QTextCursor, QTextDocument  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from console.api.environments import load_environments  # noqa: E402
from console.api.errors import CollectorNotFound  # noqa: E402
from console.api.secrets import SecretStore  # noqa: E402
from console.sandbox import SandboxConfig, start_embedded  # noqa: E402
from console.services.sessions import Sessions  # noqa: E402
from console.ui.app import ConsoleEventLoop, session_factory  # noqa: E402
from console.ui.context import ConsoleContext  # noqa: E402
from console.ui.main_window import MainWindow  # noqa: E402
from console.ui.settings import Settings  # noqa: E402

OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots" / "request-inspector.png"


async def settle() -> None:
    for _ in range(10):
        QApplication.processEvents()
        await asyncio.sleep(0.05)


async def shoot(url: str, folder: str) -> None:
    settings = Settings(QSettings(f"{folder}/settings.ini", QSettings.Format.IniFormat))
    context = ConsoleContext(settings)
    sessions = Sessions(load_environments(), session_factory(settings, secrets=SecretStore()),
                        start_sandbox=lambda: SimpleNamespace(base_url=url, stop=lambda: None))
    window = MainWindow(context, sessions, open_browser=lambda _url: None)
    window.resize(1200, 820)
    window.show()
    await window.start("sandbox", auto_sign_in=True)
    window.menus.requests_action.trigger()
    window.search_page.search_box.setText("Tremblay")
    window.search_page.run_search()
    await asyncio.sleep(0.5)
    client = context.session.client
    await client.get_summary("80000000014")
    await client.get_profile("80000000007")
    with contextlib.suppress(CollectorNotFound):
        await client.get_summary("80000000015")
    await settle()
    inspector = window.request_inspector
    paths = [inspector.model.data(inspector.model.index(row, 2)) for row in range(inspector.model.rowCount())]
    profile = next(row for row, path in enumerate(paths) if path.startswith("/collectors/profile"))
    inspector.table.selectRow(profile)
    window.resizeDocks([inspector], [440], Qt.Orientation.Vertical)
    await settle()
    detail = inspector.detail  # the masked response body in view
    detail.moveCursor(QTextCursor.MoveOperation.End)
    detail.find("Response headers", QTextDocument.FindFlag.FindBackward)
    detail.ensureCursorVisible()
    cursor = detail.textCursor()
    cursor.clearSelection()
    detail.setTextCursor(cursor)
    await settle()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(OUT))
    print("saved", OUT)
    await sessions.aclose()


def main() -> None:
    keyring.set_keyring(null.Keyring())
    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as folder, start_embedded(SandboxConfig(members=2000)) as server, \
            asyncio.Runner(loop_factory=lambda: ConsoleEventLoop(app)) as runner:
        runner.run(shoot(server.base_url, folder))


if __name__ == "__main__":
    main()
