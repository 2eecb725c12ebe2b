"""The documented screenshot command produces every enrollment screenshot."""

import pytest
from PySide6.QtGui import QImage

from tests.ui.enroll.conftest import run
from tools.screenshots.enroll import shoot


@pytest.mark.allow_log_warnings  # the outbox picture has an enrollment whose answer was lost
def test_screenshots_are_made(qtbot, qasync_loop, tmp_path):
    written = run(qtbot, shoot(tmp_path), timeout=30_000)
    assert [p.name for p in written] == [
        "enroll-empty.png",
        "enroll-errors.png",
        "enroll-duplicate.png",
        "enroll-success.png",
        "outbox-list.png",
    ]
    for path in written:
        image = QImage(str(path))
        assert image.width() >= (700 if path.name == "outbox-list.png" else 900)
        assert image.height() >= (300 if path.name == "outbox-list.png" else 800)
