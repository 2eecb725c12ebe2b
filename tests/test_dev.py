"""dev.py: no display said plainly, Ctrl+C ends quietly, the xcb libraries listed, the locks up to date."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

import dev

ROOT = Path(__file__).resolve().parent.parent
POSIX_ONLY = pytest.mark.skipif(os.name != "posix", reason="process groups and Ctrl+C as on Linux and macOS")


def _env(**changes: str | None) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTEST", "PYTHON"))}
    for key, value in changes.items():
        env.pop(key, None)
        if value is not None:
            env[key] = value
    return env


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="only Linux can lack a display")
def test_run_without_a_display_says_so_in_one_sentence() -> None:
    env = _env(DISPLAY=None, WAYLAND_DISPLAY=None, QT_QPA_PLATFORM=None)
    result = subprocess.run([sys.executable, "dev.py", "run"], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=30, check=False)
    assert result.returncode == 1
    assert result.stdout == ""
    message = result.stderr.strip()
    assert message.count(". ") == 0 and message.endswith("."), message
    assert "xvfb-run" in message and "QT_QPA_PLATFORM=offscreen" in message


def test_a_display_or_a_qt_platform_is_enough() -> None:
    assert dev.has_display({"DISPLAY": ":0"})
    assert dev.has_display({"WAYLAND_DISPLAY": "wayland-0"})
    assert dev.has_display({"QT_QPA_PLATFORM": "offscreen"})
    assert dev.has_display({}) is not sys.platform.startswith("linux")


def _interrupted(command: list[str], ready: Callable[[str], bool],
                 env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Start `python3 dev.py COMMAND` as a terminal would; once `ready(line)` holds, press Ctrl+C."""
    with subprocess.Popen([sys.executable, "dev.py", *command], cwd=ROOT, env=env, text=True,  # noqa: S603
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True) as child:
        try:
            assert child.stdout is not None and child.stderr is not None
            seen = []
            for line in child.stdout:
                seen.append(line)
                if ready(line):
                    break
            else:
                pytest.fail("dev.py ended before it was ready:\n" + "".join(seen) + child.stderr.read())
            os.killpg(child.pid, signal.SIGINT)  # what Ctrl+C in a terminal does: the whole foreground group
            out, err = child.communicate(timeout=60)
        finally:
            if child.poll() is None:
                os.killpg(child.pid, signal.SIGKILL)
                child.communicate()
    return subprocess.CompletedProcess(command, child.returncode, "".join(seen) + out, err)


def _serving(line: str) -> bool:
    """True once the sandbox named in a banner line answers (its Ctrl+C handling is in place then)."""
    found = re.search(r"listening on (http://\S+)", line)
    if found is None:
        return False
    for _ in range(200):
        try:
            httpx.get(f"{found.group(1)}/_sandbox/settings", timeout=1)
            return True
        except httpx.TransportError:
            time.sleep(0.05)
    return False


def _started(line: str) -> bool:
    """True at the console's first paint, a moment later (start-up goes on behind it, on the event loop)."""
    if not line.startswith("TIMING first_paint"):
        return False
    time.sleep(2)
    return True


@POSIX_ONLY
@pytest.mark.slow
def test_ctrl_c_stops_the_sandbox_quietly() -> None:
    result = _interrupted(["sandbox", "--port", "0", "--in-memory"], _serving, _env())
    assert result.returncode == 130
    assert "Traceback" not in result.stderr + result.stdout


@POSIX_ONLY
@pytest.mark.slow
def test_ctrl_c_stops_the_console_quietly(tmp_path: Path) -> None:
    folders = {name: str(tmp_path / name.lower()) for name in
               ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME")}
    env = _env(QT_QPA_PLATFORM="offscreen", PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring", **folders)
    result = _interrupted(["run", "--timings", "--no-err-windows"], _started, env)
    assert result.returncode == 130
    assert "Traceback" not in result.stderr + result.stdout


def _needed(library: Path) -> set[str]:
    """The shared libraries an ELF file names as NEEDED (readelf)."""
    dynamic = subprocess.run(["readelf", "-d", str(library)], capture_output=True, text=True,  # noqa: S603, S607
                             check=True).stdout
    return set(re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", dynamic))


@pytest.mark.skipif(not sys.platform.startswith("linux") or shutil.which("readelf") is None,
                    reason="Linux with readelf")
def test_the_system_libraries_cover_what_the_xcb_plugin_loads() -> None:
    import PySide6

    qt = Path(PySide6.__file__).parent / "Qt"
    plugin = qt / "plugins" / "platforms" / "libqxcb.so"
    needed = _needed(plugin) | _needed(next((qt / "lib").glob("libQt6XcbQpa.so*")))
    outside_qt = {name for name in needed if not name.startswith(("libQt6", "libicu"))}
    base = {"libc.so.6", "libm.so.6", "libstdc++.so.6", "libgcc_s.so.1", "libpthread.so.0", "libdl.so.2"}
    listed = {library for library, _package in dev.QT_LIBRARIES + dev.QT_DISPLAY_LIBRARIES}
    short = {re.sub(r"^lib|\.so.*$", "", name) for name in outside_qt - base}
    assert "xcb-shape" in short
    assert short <= listed, f"missing from dev.py: {sorted(short - listed)}"


@pytest.mark.parametrize("kind", ["run", "test"])
def test_the_locks_pin_every_requirement_of_pyproject(kind: str) -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [Requirement(text) for text in project["dependencies"]]
    if kind == "test":
        wanted += [Requirement(text) for text in project["optional-dependencies"]["test"]]
    pins = dict(re.findall(r"^([A-Za-z0-9._-]+)==([^\s;]+)", dev.LOCKS[kind].read_text(), re.MULTILINE))
    pinned = {canonicalize_name(name): version for name, version in pins.items()}
    stale = [str(requirement) for requirement in wanted
             if canonicalize_name(requirement.name) not in pinned
             or not requirement.specifier.contains(pinned[canonicalize_name(requirement.name)],
                                                   prereleases=True)]
    assert not stale, f"{dev.LOCKS[kind].name} is stale for {stale}: run `python3 dev.py lock`"
