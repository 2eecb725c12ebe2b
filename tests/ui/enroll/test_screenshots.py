"""The documented screenshot command produces every enrollment screenshot."""

from PySide6.QtGui import QImage

from tests.ui.enroll.conftest import run
from tools.screenshots.enroll import shoot


def test_screenshots_are_made(qtbot, qasync_loop, tmp_path):
    written = run(qtbot, shoot(tmp_path), timeout=30_000)
    assert [p.name for p in written] == [
        "enroll-empty.png",
        "enroll-errors.png",
        "enroll-duplicate.png",
        "enroll-success.png",
    ]
    for path in written:
        image = QImage(str(path))
        assert image.width() >= 900 and image.height() >= 800
