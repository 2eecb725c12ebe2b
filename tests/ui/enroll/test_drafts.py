"""The form being typed survives a killed console: an encrypted draft, offered back on the next start."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

from console.audit import AuditLog
from console.services.drafts import DraftsOpener
from console.services.outbox import OutboxOpener
from console.ui.context import ConsoleContext
from console.ui.enroll import EnrollPage
from tests.support.keyrings import using
from tests.ui.enroll.file_keyring import FileKeyring

ROOT = Path(__file__).resolve().parents[3]
WAIT = 15_000


def run_until_saved_then_kill(folder: Path) -> None:
    child = subprocess.Popen(  # noqa: S603 (this test's own script)
        [sys.executable, str(Path(__file__).with_name("draft_child.py")), str(folder)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        saved = threading.Event()

        def read() -> None:
            assert child.stdout is not None
            for line in child.stdout:
                if line.strip() == "SAVED":
                    saved.set()
                    return

        threading.Thread(target=read, daemon=True).start()
        assert saved.wait(60), "the console never saved a draft"
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(10)
        if child.stdout is not None:
            child.stdout.close()
    assert child.returncode == -signal.SIGKILL


def test_a_draft_survives_a_killed_console_and_is_offered_back(
    qtbot, qasync_loop, context: ConsoleContext, tmp_path
):
    folder = tmp_path / "console"
    folder.mkdir()
    run_until_saved_then_kill(folder)
    data = (folder / "draft.bin").read_bytes()
    assert data and not [p for p in ("Ève-Marie".encode(), b"Quenneville", b"draft.kept") if p in data]

    with using(FileKeyring(folder / "keyring.json")):
        context.outbox = OutboxOpener(folder / "outbox.sqlite3")
        context.drafts = DraftsOpener(context.outbox, folder / "draft.bin")
        page = EnrollPage(context, audit=AuditLog(tmp_path / "audit.jsonl"))
        qtbot.addWidget(page)
        page.show()
        qtbot.waitUntil(lambda: page.status.has_button("restore_draft"), timeout=WAIT)
        page.status.button("restore_draft").click()
    assert page.form.field("personalDetails.firstName").text() == "Ève-Marie"
    assert page.form.field("contactDetails.email").text() == "draft.kept@example.com"
