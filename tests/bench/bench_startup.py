"""Start-up benchmark: process start to the console's first paint, and to "signed in and ready".

Run: .venv/bin/python tests/bench/bench_startup.py [--runs N]

Each run is a fresh process (offscreen). Beside the console, the same run measures a bare PySide6
QMainWindow that shows itself and quits, and prints the ratio. Target (issue 9): first paint <= 1.5x
the bare window. "Ready" means the embedded sandbox is up and the demo partner is signed in.
Times are wall-clock from just before the process is spawned to the mark the child prints.
The children may write bytecode (as an installed console has it): the warm-up run compiles it once.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parents[2]
TARGET_RATIO = 1.5

BARE = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.UpdateRequest:
            print(f"TIMING first_paint {time.time():.6f}", flush=True)
            obj.removeEventFilter(self)
            QTimer.singleShot(0, app.quit)
        return False

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle("bare")
window.resize(1100, 720)
watch = FirstPaint()
window.installEventFilter(watch)
window.show()
sys.exit(app.exec())
"""


def environment(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # else every run compiles every module again
    env.update(
        {
            "QT_QPA_PLATFORM": "offscreen",
            "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_STATE_HOME": str(home / "state"),
            "XDG_DATA_HOME": str(home / "data"),
            "XDG_CACHE_HOME": str(home / "cache"),
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        }
    )
    return env


def timed(command: list[str], env: dict[str, str]) -> tuple[dict[str, float], float]:
    """Marks (seconds after spawn) printed by the child, and the whole process time."""
    start = time.time()
    result = subprocess.run(  # noqa: S603
        command,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    total = time.time() - start
    if result.returncode != 0:
        raise RuntimeError(f"{command} exited {result.returncode}:\n{result.stderr[-2000:]}")
    marks = {}
    for line in result.stdout.splitlines():
        if line.startswith("TIMING "):
            _, name, stamp = line.split()
            marks.setdefault(name, float(stamp) - start)
    return marks, total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    python = sys.executable
    console = [
        python,
        "-m",
        "console",
        "--timings",
        "--exit-when-ready",
        "--auto-sign-in",
        "--no-err-windows",
    ]
    bare = [python, "-c", BARE]
    samples: dict[str, list[float]] = {
        "bare_paint": [],
        "bare_total": [],
        "console_paint": [],
        "console_ready": [],
        "console_total": [],
    }
    with tempfile.TemporaryDirectory() as folder:
        env = environment(Path(folder))
        timed(bare, env)  # warm the file cache once for both
        timed(console, env)
        for _ in range(args.runs):
            marks, total = timed(bare, env)
            samples["bare_paint"].append(marks["first_paint"])
            samples["bare_total"].append(total)
            marks, total = timed(console, env)
            samples["console_paint"].append(marks["first_paint"])
            samples["console_ready"].append(marks["ready"])
            samples["console_total"].append(total)
    ms = {name: median(values) * 1000 for name, values in samples.items()}
    ratio = ms["console_paint"] / ms["bare_paint"]
    print(f"runs: {args.runs} each, offscreen, medians")
    print(f"  bare QMainWindow: first paint {ms['bare_paint']:.0f} ms, process {ms['bare_total']:.0f} ms")
    print(
        f"  console:          first paint {ms['console_paint']:.0f} ms, signed in and ready "
        f"{ms['console_ready']:.0f} ms, process {ms['console_total']:.0f} ms"
    )
    ok = ratio <= TARGET_RATIO
    verdict = "PASS" if ok else "FAIL"
    print(f"  first paint ratio console / bare: {ratio:.2f}  (target <= {TARGET_RATIO})  {verdict}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
