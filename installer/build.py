"""Build the one-folder desktop bundle with PyInstaller, inside the project's virtual environment.

    python3 installer/build.py

Run `python3 dev.py test` (or `run`) once first so that .venv exists.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")


def main() -> int:
    if not PYTHON.exists():
        sys.exit("No .venv yet: run `python3 dev.py test` first.")
    subprocess.run([str(PYTHON), "-m", "pip", "install", "-q", "-e", f"{ROOT}[package]"], check=True)  # noqa: S603
    spec = ROOT / "installer" / "collector-console.spec"
    return subprocess.call([str(PYTHON), "-m", "PyInstaller", "--noconfirm", "--clean", str(spec)], cwd=ROOT)  # noqa: S603


if __name__ == "__main__":
    sys.exit(main())
