"""A plain (not editable) install of the project works from any folder, with its bundled resources.

The wheel is built from a copy of the project files, installed into a fresh virtual environment
outside the checkout, and run from an unrelated folder. The dependencies come from the test
environment's site-packages (a .pth line), so nothing is downloaded.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

CHECK_RESOURCES = """
import json, sys
from importlib.resources import files
from pathlib import Path

import console
from console.api.environments import load_environments
from console.field_profiles import load_field_profiles

assert Path(console.__file__).is_relative_to(sys.prefix), console.__file__
contract = files("console.resources").joinpath("openapi.yaml").read_text(encoding="utf-8")
assert contract.startswith("openapi: 3.1"), contract[:40]
assert "sandbox" in load_environments()
assert load_field_profiles().profiles
assert files("console.resources").joinpath("i18n", "console_fr.qm").is_file()
print("resources ok")
"""


def _run(command: list[str | Path], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "PYTHONHOME")}
    return subprocess.run([str(part) for part in command], cwd=cwd, env=env, capture_output=True,  # noqa: S603
                          text=True, timeout=240, check=False)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin folder of a fresh virtual environment with the project installed from a built wheel."""
    work = tmp_path_factory.mktemp("install")
    source = work / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(ROOT / "console", source / "console",
                    ignore=shutil.ignore_patterns("__pycache__", "*.ts"))
    built = _run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                  "--wheel-dir", work / "dist", source], cwd=work)
    assert built.returncode == 0, built.stdout + built.stderr
    [wheel] = (work / "dist").glob("collector_console-*.whl")

    target = work / "venv"
    venv.EnvBuilder(with_pip=False).create(target)
    python = target / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    site = _run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], cwd=work)
    (Path(site.stdout.strip()) / "test-dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    done = _run([sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps",
                 "--no-index", wheel], cwd=work)
    assert done.returncode == 0, done.stdout + done.stderr
    return python.parent


@pytest.mark.slow
@pytest.mark.parametrize("command", ["collector-console", "collector-sandbox"])
def test_the_installed_commands_run_from_any_folder(installed: Path, command: str,
                                                    tmp_path: Path) -> None:
    result = _run([installed / command, "--help"], cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith(f"usage: {command}")


@pytest.mark.slow
def test_the_installed_package_reads_its_resources(installed: Path, tmp_path: Path) -> None:
    result = _run([installed / "python", "-c", CHECK_RESOURCES], cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "resources ok"
