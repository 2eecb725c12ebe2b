"""A console process typing an enrollment, until it is killed (run by test_drafts.py)."""

import asyncio
import os
import sys
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"


async def main(folder: Path) -> None:
    from PySide6.QtCore import QSettings

    from console.audit import AuditLog
    from console.services.drafts import DraftsOpener
    from console.services.outbox import OutboxOpener
    from console.ui.context import ConsoleContext
    from console.ui.enroll import EnrollPage
    from console.ui.settings import Settings

    settings = Settings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
    context = ConsoleContext(settings)
    context.outbox = OutboxOpener(folder / "outbox.sqlite3")
    context.drafts = DraftsOpener(context.outbox, folder / "draft.bin")
    page = EnrollPage(context, audit=AuditLog(folder / "audit.jsonl"))
    page.show()
    page.form.field("personalDetails.firstName").setText("Ève-Marie")
    page.form.field("personalDetails.lastName").setText("Quenneville")
    page.form.field("contactDetails.email").setText("draft.kept@example.com")
    while not (folder / "draft.bin").exists():  # noqa: ASYNC110 (a file another thread writes)
        await asyncio.sleep(0.05)
    print("SAVED", flush=True)
    await asyncio.sleep(3600)


if __name__ == "__main__":
    import keyring
    import qasync
    from PySide6.QtWidgets import QApplication

    sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
    from tests.ui.enroll.file_keyring import FileKeyring

    folder = Path(sys.argv[1])
    keyring.set_keyring(FileKeyring(folder / "keyring.json"))
    app = QApplication([])
    qasync.run(main(folder))
