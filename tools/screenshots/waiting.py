"""Make docs/screenshots/waiting-maintenance.png and -fr.png (run on its own, not by pytest):

    .venv/bin/python tools/screenshots/waiting.py [FOLDER]

The main window signed in to an embedded sandbox put in maintenance (503 with Retry-After: 25), a member
being opened: the member page says the service is in maintenance and when it tries again, with Cancel;
the status bar says "Maintenance". Once in English, once in French.
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

import httpx  # noqa: E402
import keyring  # noqa: E402
from keyring.backends import null  # noqa: E402
from PySide6.QtCore import QLocale, QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from console.api.environments import load_environments  # noqa: E402
from console.api.secrets import SecretStore  # noqa: E402
from console.sandbox import SandboxConfig, start_embedded  # noqa: E402
from console.services.sessions import Sessions  # noqa: E402
from console.ui import i18n  # noqa: E402
from console.ui.app import ConsoleEventLoop, session_factory  # noqa: E402
from console.ui.context import ConsoleContext  # noqa: E402
from console.ui.main_window import MainWindow  # noqa: E402
from console.ui.settings import Settings  # noqa: E402

FOLDER = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
MEMBER = "80000000007"


async def settle() -> None:
    for _ in range(10):
        QApplication.processEvents()
        await asyncio.sleep(0.05)


async def set_faults(url: str, **faults: object) -> None:
    async with httpx.AsyncClient() as http:
        (await http.put(f"{url}/_sandbox/faults", json=faults)).raise_for_status()


async def shoot(app: QApplication, url: str, folder: str, language: str, out: Path) -> None:
    await set_faults(url)
    settings = Settings(QSettings(f"{folder}/settings-{language}.ini", QSettings.Format.IniFormat))
    settings.language = language
    translators = i18n.install_translators(app, language)
    context = ConsoleContext(settings)
    sessions = Sessions(load_environments(), session_factory(settings, secrets=SecretStore()),
                        start_sandbox=lambda: SimpleNamespace(base_url=url, stop=lambda: None))
    window = MainWindow(context, sessions, open_browser=lambda _url: None)
    window.resize(1100, 560)
    window.show()
    await window.start("sandbox", auto_sign_in=True)
    if window.signin_dialog is not None:
        window.signin_dialog.hide()
    await set_faults(url, maintenance=True, retryAfter=25)
    page = window.member_page
    assert page is not None
    waiting = asyncio.Event()
    page.waiting.countdown.sig_text.connect(lambda _text: waiting.set())
    window.open_member(MEMBER)
    await asyncio.wait_for(waiting.wait(), 10)
    await settle()
    out.parent.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(out))
    print("saved", out)
    page.cancel_operation()
    window.close()
    await sessions.aclose()
    for translator in translators:
        app.removeTranslator(translator)
    QLocale.setDefault(QLocale(i18n.LOCALES["EN"]))


def main() -> None:
    keyring.set_keyring(null.Keyring())
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setQuitOnLastWindowClosed(False)  # one window per language
    with tempfile.TemporaryDirectory() as folder, start_embedded(SandboxConfig(members=500)) as server, \
            asyncio.Runner(loop_factory=lambda: ConsoleEventLoop(app)) as runner:
        for language, name in (("EN", "waiting-maintenance.png"), ("FR", "waiting-maintenance-fr.png")):
            runner.run(shoot(app, server.base_url, folder, language, FOLDER / name))


if __name__ == "__main__":
    main()
