"""Screenshots of the enrollment page: empty, with errors, a duplicate warning, after success.

    .venv/bin/python tools/screenshots/enroll.py docs/screenshots

Starts an embedded sandbox, signs in as the demo partner and writes enroll-empty.png,
enroll-errors.png, enroll-duplicate.png, enroll-success.png and outbox-list.png. Runs offscreen unless
QT_QPA_PLATFORM says otherwise; settings and the audit file go to a temporary folder.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

SIZE = (1000, 900)


def _fill(page: object, *, bad: bool) -> None:
    form = page.form  # type: ignore[attr-defined]
    values = {
        "personalDetails.firstName": "Ève-Marie",
        "personalDetails.lastName": "O'Neil",
        "personalDetails.dateOfBirth": "1988-02-30" if bad else "1988-03-14",
        "contactDetails.email": "eve-marie.oneil@" if bad else "eve-marie.oneil@example.com",
        "contactDetails.phones[0]": "555-0199" if bad else "438-555-0299",
        "addressDetails.city": "Montréal",
        "addressDetails.postalCode": "K1A 0B1" if bad else "H2X 1Y4",
    }
    for path, text in values.items():
        form.field(path).setText(text)
    for path, data in (
        ("addressDetails.province", "QC"),
        ("preferences.language", "FR"),
        ("enrollmentChannel", "EVENT"),
    ):
        combo = form.field(path)
        combo.setCurrentIndex(combo.findData(data))
    form.consent_boxes["EMAIL_MARKETING"].setChecked(True)
    form.show_all_problems()


async def _settle() -> None:
    from PySide6.QtWidgets import QApplication

    for _ in range(5):
        QApplication.processEvents()
        await asyncio.sleep(0.02)


async def _until(condition: Callable[[], bool]) -> None:
    for _ in range(500):
        if condition():
            break
        await asyncio.sleep(0.02)
    await _settle()


async def shoot(out: Path) -> list[Path]:
    """Make the screenshots in the existing folder `out`; return their paths."""
    from PySide6.QtCore import QSettings

    from console.api.environments import load_environments
    from console.api.session import EnvironmentSession
    from console.audit import AuditLog
    from console.sandbox import SandboxConfig, start_embedded
    from console.services.outbox import OutboxOpener
    from console.ui.context import ConsoleContext
    from console.ui.enroll import EnrollPage
    from console.ui.settings import Settings

    written = []
    with tempfile.TemporaryDirectory() as tmp, start_embedded(SandboxConfig()) as sandbox:
        env = load_environments()["sandbox"].with_base(sandbox.base_url)
        session = EnvironmentSession(env)
        outbox = OutboxOpener(Path(tmp) / "outbox.sqlite3")
        try:
            await session.sign_in_partner(*env.demo_partner)
            settings = Settings(QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat))
            context = ConsoleContext(settings)
            context.outbox = outbox
            context.drafts = None  # no draft offered or kept in pictures
            context.set_session(session)
            page = EnrollPage(context, audit=AuditLog(Path(tmp) / "audit.jsonl"))
            page.resize(*SIZE)
            page.show()
            await _settle()
            written.append(out / "enroll-empty.png")
            page.grab().save(str(written[-1]))

            _fill(page, bad=True)
            page.submit_button.click()  # Enroll lists what to fix and goes to the first
            await _until(lambda: page.status.isVisible())
            written.append(out / "enroll-errors.png")
            page.grab().save(str(written[-1]))

            page.form.clear()
            _fill(page, bad=False)
            page.form.field("contactDetails.email").setText("jane.doe@example.com")
            page.submit_button.click()
            await _until(lambda: page.status.has_button("enroll_anyway"))
            written.append(out / "enroll-duplicate.png")
            page.grab().save(str(written[-1]))

            page.form.field("contactDetails.email").setText("eve-marie.oneil@example.com")
            page.submit_button.click()
            await _until(lambda: page.stack.currentWidget() is page.success)
            written.append(out / "enroll-success.png")
            page.grab().save(str(written[-1]))
            page.hide()
            written.append(await _outbox_list(out, session, context, sandbox.base_url))
        finally:
            await outbox.close()
            await session.aclose()
    return written


async def _outbox_list(out: Path, session: object, context: object, base_url: str) -> Path:
    """outbox-list.png: the window's list of enrollments waiting, one of each kind."""
    import httpx
    from PySide6.QtWidgets import QStatusBar

    from console.api.models import ContactDetails, EnrollmentRequest
    from console.ui.outbox_view import OutboxDialog, OutboxView

    box = await context.outbox.get()  # type: ignore[attr-defined]
    client = session.client  # type: ignore[attr-defined]

    def person(email: str) -> EnrollmentRequest:
        return EnrollmentRequest(contact_details=ContactDetails(email=email), enrollment_channel="EVENT")

    enrolled = await box.add(person("kiosk.one@example.com"), environment="sandbox")
    await box.send(enrolled.key, client)
    duplicate = await box.add(person("jane.doe@example.com"), environment="sandbox")
    await box.send(duplicate.key, client)
    faults = f"{base_url}/_sandbox/faults"
    async with httpx.AsyncClient() as control:
        (await control.put(faults, json={"reset": {"next": 10}})).raise_for_status()
    unknown = await box.add(person("kiosk.two@example.com"), environment="sandbox")
    await box.send(unknown.key, client)
    async with httpx.AsyncClient() as control:
        (await control.put(faults, json={})).raise_for_status()
    await box.add(person("kiosk.three@example.com"), environment="sandbox")

    bar = QStatusBar()
    view = OutboxView(context, bar, lambda _name: None, lambda _name: "Sandbox")  # type: ignore[arg-type]
    view.outbox = box
    dialog = OutboxDialog(view)
    dialog.show()
    await _settle()
    path = out / "outbox-list.png"
    dialog.grab().save(str(path))
    dialog.hide()
    return path


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0] if args else "docs/screenshots")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import qasync
    from PySide6.QtWidgets import QApplication

    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    app.setQuitOnLastWindowClosed(False)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        written = loop.run_until_complete(shoot(out))
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
