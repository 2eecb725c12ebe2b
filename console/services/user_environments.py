"""The user's environments file: list, add, duplicate, edit and remove environments, checked before saving.

Qt-free; the environment editor (Tools → Environments…) shows it. The file has the shape of the bundled
`environments.json` (`{"environments": {name: {...}}}`) and is merged over the bundled environments when
the console loads them. Each entry is validated as a whole `Environment` (https required except for
loopback hosts) before it is kept; a problem names the field. Saving writes the whole file atomically.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import platformdirs
from pydantic import ValidationError

from console.api.client import CollectorClient
from console.api.environments import Environment, EnvironmentConfigError, load_environments
from console.api.tokens import TokenEndpoint

APP_NAME = "collector-console"
FILE_NAME = "environments.json"
NAME_PATTERN = re.compile(r"[a-z][a-z0-9-]{0,39}")
EDITABLE = ("label", "kind", "api_base", "auth_base", "audience", "partner_client_id", "member_client_id",
            "connections", "capabilities", "test_collector")
KINDS = ("certification", "production", "custom")
NAME_RULE = "lower-case letters, digits and '-', starting with a letter"


def default_path() -> Path:
    """Where the console creates the user environments file when the settings name none."""
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / FILE_NAME


@dataclass(frozen=True)
class Problem:
    field: str
    message: str


class InvalidEnvironment(ValueError):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(f"{p.field}: {p.message}" for p in problems))
        self.problems = problems


class UserEnvironments:
    """The entries of one user environments file, edited in memory, saved with `save()`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: dict[str, dict[str, Any]] = {}
        if path.exists():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise EnvironmentConfigError(f"{path}: {exc}") from exc
            found = data.get("environments", {}) if isinstance(data, dict) else None
            if not isinstance(found, dict):
                raise EnvironmentConfigError(f"{path}: no environments object")
            self.entries = {name: dict(entry) for name, entry in found.items() if isinstance(entry, dict)}

    def validate(self, name: str, entry: dict[str, Any]) -> Environment:
        """The environment `entry` describes, merged over the bundled defaults; InvalidEnvironment names
        each field that is wrong."""
        if not NAME_PATTERN.fullmatch(name):
            raise InvalidEnvironment([Problem("name", NAME_RULE)])
        kept = {key: value for key, value in entry.items() if value not in ("", None)}
        trial = {**self.entries, name: kept}
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / FILE_NAME
            path.write_text(json.dumps({"environments": trial}), encoding="utf-8")
            try:
                return load_environments(path)[name]
            except EnvironmentConfigError as exc:
                raise InvalidEnvironment(_problems(exc)) from exc

    def put(self, name: str, entry: dict[str, Any], *, replacing: str | None = None) -> Environment:
        """Check and keep `entry` under `name` (renaming `replacing` when given)."""
        if name != replacing and name in self.entries:
            raise InvalidEnvironment([Problem("name", "an environment of this name exists")])
        environment = self.validate(name, entry)
        if replacing is not None and replacing != name:
            self.entries.pop(replacing, None)
        self.entries[name] = {key: value for key, value in entry.items() if value not in ("", None)}
        return environment

    def duplicate(self, name: str) -> str:
        """A copy of `name` under a free name ("name-copy", "name-copy-2"...); returns the new name."""
        base = f"{name}-copy"
        new, number = base, 2
        while new in self.entries:
            new, number = f"{base}-{number}", number + 1
        entry = dict(self.entries[name])
        entry["label"] = f"{entry.get('label', name)} (copy)"
        self.entries[new] = entry
        return new

    def remove(self, name: str) -> None:
        self.entries.pop(name, None)

    def save(self) -> None:
        """Write the file (its folder made if needed), replacing the old one in one step."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps({"environments": self.entries}, indent=2, ensure_ascii=False) + "\n"
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".environments-", suffix=".json")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


def _problems(exc: EnvironmentConfigError) -> list[Problem]:
    cause = exc.__cause__
    if isinstance(cause, ValidationError):
        problems = []
        for error in cause.errors():
            where = ".".join(str(part) for part in error["loc"]) or "environment"
            problems.append(Problem(where, str(error["msg"]).removeprefix("Value error, ")))
        return problems
    return [Problem("environment", str(exc).rsplit(": ", 1)[-1])]


async def test_connection(env: Environment, secret: str | None = None) -> bool:
    """The service's health, then with `secret` a client-credentials token (nothing kept, nothing in the
    keyring); True when a token was issued. Raises the client's and the sign-in's errors."""
    async with CollectorClient(env) as client:
        await client.health()
    if not secret or not env.partner_client_id:
        return False
    async with httpx.AsyncClient(base_url=env.auth_base, timeout=10) as http:
        endpoint = TokenEndpoint(http, env.paths["token"], env.paths["revoke"])
        await endpoint.request({"grant_type": "client_credentials", "client_id": env.partner_client_id,
                                "client_secret": secret, "audience": env.audience})
    return True
