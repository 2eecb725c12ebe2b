"""Set up the project's virtual environment from its own files, then run something in it.

    python3 dev.py run [console options]    launch the console on the embedded sandbox
    python3 dev.py test [pytest options]    run the whole test suite
    python3 dev.py sandbox [options]        run the sandbox server on its own
    python3 dev.py bench [name ...]         run the benchmarks in tests/bench/
    python3 dev.py screenshots              remake the screenshots in docs/screenshots/
    python3 dev.py lock                     refresh requirements/lock-*.txt from pyproject.toml

The environment lives in .venv/. It is installed from the pinned, hashed lock files (what running
needs, plus the test tools for test and bench) and refreshed whenever they or pyproject.toml change.
"""

from __future__ import annotations

import ctypes.util
import hashlib
import os
import shutil
import signal
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
LOCKS = {"run": ROOT / "requirements" / "lock-run.txt", "test": ROOT / "requirements" / "lock-test.txt"}
INTERRUPTED = 128 + signal.SIGINT  # the shell's exit status for Ctrl+C

# Debian packages Qt needs: (library to look for, package that provides it).
QT_LIBRARIES = [
    ("GL", "libgl1"),
    ("EGL", "libegl1"),
    ("xkbcommon", "libxkbcommon0"),
    ("fontconfig", "libfontconfig1"),
    ("glib-2.0", "libglib2.0-0"),
    ("gthread-2.0", "libglib2.0-0"),
    ("dbus-1", "libdbus-1-3"),
]
# What Qt's xcb platform plugin loads (libqxcb.so and libQt6XcbQpa.so.6, as ldd lists them).
QT_DISPLAY_LIBRARIES = [
    ("xcb", "libxcb1"),
    ("X11", "libx11-6"),
    ("X11-xcb", "libx11-xcb1"),
    ("xcb-cursor", "libxcb-cursor0"),
    ("xcb-icccm", "libxcb-icccm4"),
    ("xcb-image", "libxcb-image0"),
    ("xcb-keysyms", "libxcb-keysyms1"),
    ("xcb-randr", "libxcb-randr0"),
    ("xcb-render", "libxcb-render0"),
    ("xcb-render-util", "libxcb-render-util0"),
    ("xcb-shape", "libxcb-shape0"),
    ("xcb-shm", "libxcb-shm0"),
    ("xcb-sync", "libxcb-sync1"),
    ("xcb-util", "libxcb-util1"),
    ("xcb-xfixes", "libxcb-xfixes0"),
    ("xcb-xkb", "libxcb-xkb1"),
    ("xkbcommon-x11", "libxkbcommon-x11-0"),
]
NO_DISPLAY = ("There is no display to show the console on (DISPLAY and WAYLAND_DISPLAY are unset): "
              "run it inside a virtual one with `xvfb-run python3 dev.py run`, or without a window with "
              "`QT_QPA_PLATFORM=offscreen python3 dev.py run`.")
COMMANDS = {"run", "test", "sandbox", "bench", "screenshots", "lock"}


def main() -> int:
    if sys.version_info < (3, 11):  # noqa: UP036 (dev.py runs on whatever python3 the machine has)
        sys.exit("Collector Console needs Python 3.11 or newer.")
    command, args = (sys.argv[1], sys.argv[2:]) if len(sys.argv) > 1 else ("", [])
    if command not in COMMANDS:
        print(__doc__)
        return 2
    if command == "lock":
        return refresh_locks()
    if command == "run" and not has_display(os.environ):
        print(NO_DISPLAY, file=sys.stderr)
        return 1
    ensure_system_libraries(with_display=command == "run")
    ensure_venv("test" if command in {"test", "bench"} else "run")
    if command == "run":
        return run([str(PYTHON), "-m", "console", *args])
    if command == "sandbox":
        return run([str(PYTHON), "-m", "console.sandbox", *args])
    if command == "bench":
        return run_benchmarks(args)
    if command == "screenshots":
        return make_screenshots()
    # A hard crash (a segmentation fault, also while the interpreter exits) prints every thread's trace.
    return run([str(PYTHON), "-m", "pytest", *args], env={**os.environ, "PYTHONFAULTHANDLER": "1"})


def has_display(env: dict[str, str] | os._Environ[str]) -> bool:
    """False on Linux with neither an X11 nor a Wayland display, unless a Qt platform is chosen."""
    if not sys.platform.startswith("linux"):
        return True
    return any(env.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def ensure_venv(kind: str) -> None:
    """Create .venv if needed; install the lock of `kind` ("run" or "test") and the project when changed.

    A venv installed for the tests also serves `run` (the test lock holds every runtime pin).
    """
    wanted = {name: _digest(name) for name in LOCKS}
    installed = STAMP.read_text().split() if PYTHON.exists() and STAMP.exists() else []
    if installed == ["test", wanted["test"]] or installed == [kind, wanted[kind]]:
        return
    if not PYTHON.exists():
        print("Creating the virtual environment in .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    what = "and its test tools " if kind == "test" else ""
    print(f"Installing Collector Console {what}into .venv from {LOCKS[kind].relative_to(ROOT)} ...",
          flush=True)
    pip = [str(PYTHON), "-m", "pip", "--disable-pip-version-check", "-q"]
    check([*pip, "install", "--upgrade", "pip"])
    check([*pip, "install", "--require-hashes", "-r", str(LOCKS[kind])])
    check([*pip, "install", "--no-deps", "-e", str(ROOT)])
    if subprocess.call([*pip, "check"], cwd=ROOT) != 0:  # noqa: S603 (our own fixed command)
        sys.exit("The lock files miss what pyproject.toml asks for: run `python3 dev.py lock` and "
                 "commit requirements/.")
    STAMP.write_text(f"{kind} {wanted[kind]}\n")


def _digest(kind: str) -> str:
    text = (ROOT / "pyproject.toml").read_bytes() + LOCKS[kind].read_bytes()
    return hashlib.sha256(text).hexdigest()


def refresh_locks() -> int:
    """Pin every dependency for every platform, with hashes (uv's resolver; plain pip installs them)."""
    if not PYTHON.exists():
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    uv = BIN / ("uv.exe" if os.name == "nt" else "uv")
    if not uv.exists():
        check([str(PYTHON), "-m", "pip", "--disable-pip-version-check", "-q", "install", "uv"])
    compile_lock = [str(uv), "pip", "compile", "pyproject.toml", "--universal", "--python-version", "3.11",
                    "--generate-hashes", "--quiet"]
    check([*compile_lock, "--extra", "test", "-o", "requirements/lock-test.txt"])
    check([*compile_lock, "-c", "requirements/lock-test.txt", "-o", "requirements/lock-run.txt"])
    print("requirements/lock-run.txt and requirements/lock-test.txt refreshed: commit them.")
    return 0


def ensure_system_libraries(with_display: bool) -> None:
    """On Linux, install the shared libraries Qt needs when they are missing and apt is at hand."""
    if not sys.platform.startswith("linux"):
        return
    wanted = QT_LIBRARIES + (QT_DISPLAY_LIBRARIES if with_display else [])
    missing = sorted({package for library, package in wanted if ctypes.util.find_library(library) is None})
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
        status = run([str(PYTHON), str(script)], interactive=False) or status
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
        english = {**os.environ, "LANG": "en_CA.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
        status = run([*console, str(folder / "main-window.png")], interactive=False, env=english)
        settings.unlink(missing_ok=True)  # a first start again, now on a French system
        french = {**english, "LANG": "fr_CA.UTF-8"}
        status = run([*console, str(folder / "main-window-fr.png")], interactive=False, env=french) or status
        settings.unlink(missing_ok=True)
        tools = ROOT / "tools" / "screenshots"
        scripts = (("enroll.py", str(folder)), ("inspector.py",), ("lookup.py",), ("tester.py",),
                   ("import_progress.py",), ("waiting.py",),
                   ("everyday.py",))
        for script, *args in scripts:
            status = run([str(PYTHON), str(tools / script), *args], interactive=False) or status
        return status


def run(command: list[str], *, interactive: bool = True, env: dict[str, str] | None = None) -> int:
    """Run a child; Ctrl+C ends both quietly (exit 130).

    An interactive child (the console, the sandbox, pytest) shares the terminal and gets the Ctrl+C
    itself, and ends in its own way; any other is kept apart from the terminal's Ctrl+C and stopped.
    """
    child = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=not interactive)  # noqa: S603 (our own)
    try:
        status = child.wait()
    except KeyboardInterrupt:
        _stop(child, interactive)
        raise
    if status in (-signal.SIGINT, INTERRUPTED):
        raise KeyboardInterrupt
    return status


def _stop(child: subprocess.Popen[bytes], interactive: bool) -> None:
    """End a child after Ctrl+C: give an interactive one (it got the Ctrl+C too) a moment first."""
    try:
        if not interactive:
            child.terminate()
        child.wait(timeout=10)
    except (subprocess.TimeoutExpired, KeyboardInterrupt):
        child.kill()
        child.wait()


def check(command: list[str], env: dict[str, str] | None = None) -> None:
    """Run a set-up step; stop dev.py with its status when it fails (its own output says why)."""
    try:
        subprocess.run(command, check=True, cwd=ROOT, env=env)  # noqa: S603 (our own fixed commands)
    except subprocess.CalledProcessError as failed:
        sys.exit(failed.returncode)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(INTERRUPTED)
