"""Make docs/screenshots/import-progress.png (run on its own, not by pytest):

    .venv/bin/python tools/screenshots/import_progress.py [PATH]

The main window signed in to an embedded sandbox, with Tools → Import enrollments… part-way through a
file of 300 people (a few rows with mistakes), the sandbox answering slowly enough to catch it running.
"""

from __future__ import annotations

import asyncio
import csv
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
from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from console.api.environments import load_environments  # noqa: E402
from console.api.secrets import SecretStore  # noqa: E402
from console.audit import AuditLog  # noqa: E402
from console.sandbox import SandboxConfig, start_embedded  # noqa: E402
from console.services.sessions import Sessions  # noqa: E402
from console.ui.app import ConsoleEventLoop, session_factory  # noqa: E402
from console.ui.context import ConsoleContext  # noqa: E402
from console.ui.main_window import MainWindow  # noqa: E402
from console.ui.settings import Settings  # noqa: E402

OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots" / "import-progress.png"
HEADER = ["Prénom", "Nom", "Date de naissance", "Courriel", "Langue de préférence", "Canal d'inscription",
          "consents.EMAIL_MARKETING"]
FIRST = ("Élise", "Ève-Marie", "Jean", "Zoë", "Marc", "Anne")
LAST = ("Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "O'Neil")


def people(path: Path, count: int) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(HEADER)
        for n in range(count):
            born = "1990-02-30" if n % 40 == 7 else f"19{60 + n % 40}-0{1 + n % 9}-1{n % 10}"
            writer.writerow([FIRST[n % 6], LAST[n // 6 % 6], born, f"salon.{n}@example.com",
                             ("FR", "EN")[n % 2], "EVENT", ("oui", "non", "")[n % 3]])


async def settle() -> None:
    """Let the loop (Qt's) paint what changed; no nested event processing while the import's tasks run."""
    for _ in range(5):
        await asyncio.sleep(0.05)


async def shoot(url: str, folder: str) -> None:
    settings = Settings(QSettings(f"{folder}/settings.ini", QSettings.Format.IniFormat))
    context = ConsoleContext(settings, audit=AuditLog(Path(folder) / "audit.jsonl"))
    sessions = Sessions(load_environments(), session_factory(settings, secrets=SecretStore()),
                        start_sandbox=lambda: SimpleNamespace(base_url=url, stop=lambda: None))
    window = MainWindow(context, sessions, open_browser=lambda _url: None)
    window.resize(1100, 720)
    window.show()
    await window.start("sandbox", auto_sign_in=True)
    path = Path(folder) / "salon-2026-11.csv"
    people(path, 300)
    await asyncio.to_thread(httpx.put, f"{url}/_sandbox/faults", json={"latencyMs": 60})
    dialog = window.tools.open_import()
    part_way, finished = asyncio.Event(), asyncio.Event()
    dialog.progress.valueChanged.connect(lambda value: part_way.set() if value >= 120 else None)
    dialog.sig_import_finished.connect(lambda _summary: finished.set())
    dialog.path_edit.setText(str(path))
    dialog.start_button.click()
    await part_way.wait()
    await settle()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(OUT))
    print("saved", OUT)
    dialog.stop()
    await finished.wait()
    await sessions.aclose()


def main() -> None:
    keyring.set_keyring(null.Keyring())
    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as folder, start_embedded(SandboxConfig(members=100)) as server, \
            asyncio.Runner(loop_factory=lambda: ConsoleEventLoop(app)) as runner:
        runner.run(shoot(server.base_url, folder))


if __name__ == "__main__":
    main()
