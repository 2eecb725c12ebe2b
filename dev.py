"""Set up the project's virtual environment from its own files, then run something in it.

    python3 dev.py run [console options]    launch the console on the embedded sandbox
    python3 dev.py test [pytest options]    run the whole test suite
    python3 dev.py sandbox [options]        run the sandbox server on its own
    python3 dev.py bench [name ...]         run the benchmarks in tests/bench/
    python3 dev.py screenshots              remake the screenshots in docs/screenshots/

The environment lives in .venv/ and is refreshed whenever pyproject.toml changes.
"""

from __future__ import annotations

import ctypes.util
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".installed-from"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")

# Debian packages Qt needs: (library to look for, package that provides it).
QT_LIBRARIES = [
    ("GL", "libgl1"),
    ("EGL", "libegl1"),
    ("xkbcommon", "libxkbcommon0"),
    ("fontconfig", "libfontconfig1"),
    ("glib-2.0", "libglib2.0-0"),
    ("dbus-1", "libdbus-1-3"),
]
QT_DISPLAY_LIBRARIES = [
    ("xcb-cursor", "libxcb-cursor0"),
    ("xcb-icccm", "libxcb-icccm4"),
    ("xcb-keysyms", "libxcb-keysyms1"),
    ("xkbcommon-x11", "libxkbcommon-x11-0"),
]


def main() -> int:
    if sys.version_info < (3, 11):  # noqa: UP036 (dev.py runs on whatever python3 the machine has)
        sys.exit("Collector Console needs Python 3.11 or newer.")
    command, args = (sys.argv[1], sys.argv[2:]) if len(sys.argv) > 1 else ("", [])
    if command not in {"run", "test", "sandbox", "bench", "screenshots"}:
        print(__doc__)
        return 2
    ensure_system_libraries(with_display=command == "run")
    ensure_venv()
    if command == "run":
        return run([str(PYTHON), "-m", "console", *args])
    if command == "sandbox":
        return run([str(PYTHON), "-m", "console.sandbox", *args])
    if command == "bench":
        return run_benchmarks(args)
    if command == "screenshots":
        return make_screenshots()
    return run([str(PYTHON), "-m", "pytest", *args])


def ensure_venv() -> None:
    """Create .venv if needed and install the project when pyproject.toml has changed."""
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if PYTHON.exists() and STAMP.exists() and STAMP.read_text().strip() == wanted:
        return
    if not PYTHON.exists():
        print("Creating the virtual environment in .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    print("Installing Collector Console and its test tools into .venv ...", flush=True)
    pip = [str(PYTHON), "-m", "pip", "--disable-pip-version-check", "-q"]
    check([*pip, "install", "--upgrade", "pip"])
    check([*pip, "install", "-e", f"{ROOT}[test]"])
    STAMP.write_text(wanted + "\n")


def ensure_system_libraries(with_display: bool) -> None:
    """On Linux, install the shared libraries Qt needs when they are missing and apt is at hand."""
    if not sys.platform.startswith("linux"):
        return
    wanted = QT_LIBRARIES + (QT_DISPLAY_LIBRARIES if with_display else [])
    missing = [package for library, package in wanted if ctypes.util.find_library(library) is None]
    if not missing:
        return
    if shutil.which("apt-get") and os.geteuid() == 0:
        print(f"Installing system libraries for Qt: {' '.join(missing)}", flush=True)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        check(["apt-get", "update", "-qq"], env=env)
        check(["apt-get", "install", "-y", "-qq", *missing, "fonts-dejavu-core"], env=env)
    else:
        print(f"Qt may need these system packages: {' '.join(missing)}", file=sys.stderr)


def run_benchmarks(names: list[str]) -> int:
    scripts = sorted((ROOT / "tests" / "bench").glob("bench_*.py"))
    if names:
        scripts = [s for s in scripts if any(name in s.stem for name in names)]
    status = 0
    for script in scripts:
        print(f"\n=== {script.stem} ===", flush=True)
        status = run([str(PYTHON), str(script)]) or status
    return status


def make_screenshots() -> int:
    """The README's pictures, rendered offscreen against the embedded sandbox, with fresh settings."""
    folder = ROOT / "docs" / "screenshots"
    with tempfile.TemporaryDirectory() as home:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
            os.environ[variable] = str(Path(home) / variable.lower())
        settings = Path(home) / "xdg_config_home" / "CollectorConsole" / "Collector Console.ini"
        console = [str(PYTHON), "-m", "console", "--no-err-windows", "--screenshot"]
        status = run([*console, str(folder / "main-window.png")])
        settings.write_text("[ui]\nlanguage=FR\n", encoding="utf-8")
        status = run([*console, str(folder / "main-window-fr.png")]) or status
        settings.unlink()
        tools = ROOT / "tools" / "screenshots"
        status = run([str(PYTHON), str(tools / "enroll.py"), str(folder)]) or status
        status = run([str(PYTHON), str(tools / "inspector.py")]) or status
        return run([str(PYTHON), str(tools / "lookup.py")]) or status


def run(command: list[str]) -> int:
    return subprocess.call(command, cwd=ROOT)  # noqa: S603 (our own fixed commands)


def check(command: list[str], **kwargs) -> None:
    subprocess.run(command, check=True, cwd=ROOT, **kwargs)  # noqa: S603 (our own fixed commands)


if __name__ == "__main__":
    sys.exit(main())
