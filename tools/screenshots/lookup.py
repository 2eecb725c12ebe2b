"""Make the lookup screenshots in docs/screenshots/ (run on its own, not by pytest):

    .venv/bin/python tools/screenshots/lookup.py
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import keyring  # noqa: E402
import qasync  # noqa: E402
from keyring.backends import null  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from console.api.environments import load_environments  # noqa: E402
from console.api.session import EnvironmentSession  # noqa: E402
from console.audit import AuditLog  # noqa: E402
from console.sandbox import SandboxConfig, start_embedded  # noqa: E402
from console.services.verification import Answer, OverrideReason  # noqa: E402
from console.ui.context import ConsoleContext  # noqa: E402
from console.ui.lookup import MemberPage, SearchPage  # noqa: E402
from console.ui.settings import Settings  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
SIZE = (1100, 680)


async def wait_signal(signal) -> None:
    future = asyncio.get_running_loop().create_future()
    signal.connect(lambda *_: future.done() or future.set_result(None))
    await asyncio.wait_for(future, 30)


def answer(member: MemberPage, which: Answer, text: str) -> None:
    """Type what the caller says and leave the field."""
    line = member.verification.line(which)
    line.setText(text)
    line.editingFinished.emit()


async def settle() -> None:
    for _ in range(5):
        QApplication.processEvents()
        await asyncio.sleep(0.05)


async def shoot(url: str) -> None:
    folder = tempfile.mkdtemp(prefix="shots-")
    context = ConsoleContext(Settings(QSettings(f"{folder}/settings.ini", QSettings.Format.IniFormat)))
    session = EnvironmentSession(load_environments()["sandbox"].with_base(url))
    await session.sign_in_partner("sandbox-partner", "sandbox-partner-secret")
    context.set_session(session)
    OUT.mkdir(parents=True, exist_ok=True)

    search = SearchPage(context)
    member = MemberPage(context, audit=AuditLog(f"{folder}/audit.jsonl"))
    for number in ("80000000021", "80000000014"):  # fill "Recent members"
        member.show_member(number)
        await wait_signal(member.sig_loaded)

    search.resize(*SIZE)
    search.show()
    search.search_box.setText("Tremblay")
    search.run_search()
    await wait_signal(search.sig_results_shown)
    await settle()
    search.grab().save(str(OUT / "search-results.png"))

    member.resize(*SIZE)
    member.show()
    member.show_member("80000000007")
    await wait_signal(member.sig_loaded)
    await settle()
    member.grab().save(str(OUT / "member-verification.png"))  # before: the step alone

    answer(member, Answer.NAME, "Jane Doe")
    answer(member, Answer.POSTAL_CODE, "M5V 2T6")
    await settle()
    member.grab().save(str(OUT / "member-mismatch.png"))

    answer(member, Answer.POSTAL_CODE, "m5x 1a9")
    for field in ("name", "email", "phones"):
        member.reveal(field)
    await settle()
    member.grab().save(str(OUT / "member-verified.png"))

    member.show_member("80000000014")
    await wait_signal(member.sig_loaded)
    dialog = member.verification.open_override()
    dialog.choices[OverrideReason.IDENTITY_DOCUMENT_SEEN].setChecked(True)
    dialog.ok_button.click()
    await settle()
    member.grab().save(str(OUT / "member-override.png"))
    await session.aclose()


def main() -> None:
    keyring.set_keyring(null.Keyring())
    app = QApplication.instance() or QApplication(sys.argv)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with start_embedded(SandboxConfig(members=10_000)) as server, loop:
        loop.run_until_complete(shoot(server.base_url))
    print(f"screenshots written to {OUT}")


if __name__ == "__main__":
    main()
