"""Make the tester's pictures in docs/screenshots/ (run on its own, not by pytest):

    .venv/bin/python tools/screenshots/tester.py [FOLDER]

The contract check dialog after a run with an enrollment, the token view of a partner token, and the
environment editor with a field refused, all on an embedded sandbox.
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

FOLDER = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"


async def settle(seconds: float = 0.5) -> None:
    """Let the loop paint and run the dialogs' tasks (never processEvents inside a task)."""
    await asyncio.sleep(seconds)


def save(widget: QWidget, name: str) -> None:
    FOLDER.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(FOLDER / name))
    print("saved", FOLDER / name)


async def shoot(url: str, folder: str) -> None:
    settings = Settings(QSettings(f"{folder}/settings.ini", QSettings.Format.IniFormat))
    settings.environments_file = f"{folder}/environments.json"
    context = ConsoleContext(settings)
    sessions = Sessions(load_environments(), session_factory(settings, secrets=SecretStore()),
                        start_sandbox=lambda: SimpleNamespace(base_url=url, stop=lambda: None))
    window = MainWindow(context, sessions, open_browser=lambda _url: None)
    window.resize(1200, 820)
    window.show()
    await window.start("sandbox", auto_sign_in=True)

    window.menus.check_action.trigger()
    check = window.tools.check_dialog
    check.write_box.setChecked(True)
    check.start()
    while check.tasks.running():
        await settle(0.1)
    check.checks.setCurrentItem(check.checks.topLevelItem(3))
    await settle()
    save(check, "check-environment.png")
    check.close()

    window.menus.token_action.trigger()
    await settle(1.0)
    save(window.tools.token_view, "token-view.png")
    window.tools.token_view.close()

    window.menus.environments_action.trigger()
    editor = window.tools.environment_editor
    editor.add()
    for key, value in (("name", "lab"), ("label", "Lab"), ("api_base", "http://cert.example.com"),
                       ("auth_base", "https://oauth.example.com"), ("partner_client_id", "lab-partner"),
                       ("test_collector", "80000000007")):
        editor.inputs[key].setText(value)
    editor.save()
    await settle()
    save(editor, "environment-editor.png")
    editor.close()
    await sessions.aclose()


def main() -> None:
    keyring.set_keyring(null.Keyring())
    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as folder, start_embedded(SandboxConfig()) as server, \
            asyncio.Runner(loop_factory=lambda: ConsoleEventLoop(app)) as runner:
        runner.run(shoot(server.base_url, folder))


if __name__ == "__main__":
    main()
