"""Make the settings dialog and shortcut sheet pictures in docs/screenshots/ (run on its own, not by pytest):

    .venv/bin/python tools/screenshots/everyday.py [FOLDER]

The Settings dialog (Edit → Settings…) and the shortcut sheet (F1) over a window on an embedded sandbox.
"""

from __future__ import annotations

import asyncio
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
from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from console.api.environments import load_environments  # noqa: E402
from console.api.secrets import SecretStore  # noqa: E402
from console.sandbox import SandboxConfig, start_embedded  # noqa: E402
from console.services.sessions import Sessions  # noqa: E402
from console.ui.app import ConsoleEventLoop, session_factory  # noqa: E402
from console.ui.context import ConsoleContext  # noqa: E402
from console.ui.main_window import MainWindow  # noqa: E402
from console.ui.settings import Settings  # noqa: E402
from console.ui.settings_dialog import SettingsDialog  # noqa: E402
from console.ui.shortcut_sheet import ShortcutSheet  # noqa: E402

FOLDER = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"


def save(widget: QWidget, name: str) -> None:
    FOLDER.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(FOLDER / name))
    print("saved", FOLDER / name)


async def shoot(url: str, folder: str) -> None:
    settings = Settings(QSettings(f"{folder}/settings.ini", QSettings.Format.IniFormat))
    context = ConsoleContext(settings)
    sessions = Sessions(load_environments(), session_factory(settings, secrets=SecretStore()),
                        start_sandbox=lambda: SimpleNamespace(base_url=url, stop=lambda: None))
    window = MainWindow(context, sessions, open_browser=lambda _url: False)
    window.resize(1200, 820)
    window.show()
    await window.start("sandbox", auto_sign_in=True)

    dialog = SettingsDialog(settings, window)
    dialog.show()
    dialog.editors["verification_policy"].setFocus()
    await asyncio.sleep(0.3)
    save(dialog, "settings-dialog.png")
    dialog.close()

    sheet = ShortcutSheet(window, window)
    sheet.show()
    await asyncio.sleep(0.3)
    save(sheet, "shortcut-sheet.png")
    sheet.close()
    await sessions.aclose()


def main() -> None:
    keyring.set_keyring(null.Keyring())
    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as folder, start_embedded(SandboxConfig()) as server, \
            asyncio.Runner(loop_factory=lambda: ConsoleEventLoop(app)) as runner:
        runner.run(shoot(server.base_url, folder))


if __name__ == "__main__":
    main()
