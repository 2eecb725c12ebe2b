"""Environments: where the API and its Auth0 tenant live, read from one place.

The bundled defaults are `console/resources/environments.json`; a user file with the same shape
(`{"environments": {name: {...}}}`) is merged over them: known names are updated field by field,
new names become custom environments. `http://` is refused unless the host is loopback.
"""

from __future__ import annotations

import ipaddress
import json
import re
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from console.resources import resource

DEFAULTS_FILE = resource("environments.json")
REQUIRED_PATHS = ("enroll", "profile", "summary", "search", "health", "authorize", "token", "revoke", "jwks")

Kind = Literal["sandbox", "certification", "production", "custom"]
SignInMethod = Literal["partner", "member"]


class EnvironmentConfigError(ValueError):
    """An environment file cannot be read or describes an unusable environment."""


def is_loopback_host(host: str) -> bool:
    """True for `localhost` and loopback IP addresses (127.0.0.0/8, ::1)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_base_url(url: str) -> str:
    """Validate an API or auth base URL and return it without a trailing slash."""
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise ValueError(f"not an http(s) URL: {url!r}")
    if parts.scheme == "http" and not is_loopback_host(parts.hostname):
        raise ValueError(f"http:// is only allowed for loopback hosts, use https:// for {parts.hostname}")
    if parts.query or parts.fragment:
        raise ValueError(f"a base URL has no query or fragment: {url!r}")
    return url.rstrip("/")


class Environment(BaseModel):
    """One place to talk to: API base, Auth0 tenant, client ids, paths and capabilities."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    label: str
    kind: Kind
    api_base: str
    auth_base: str
    audience: str
    partner_client_id: str | None = None
    member_client_id: str | None = None
    connections: dict[str, str]
    sign_in_methods: list[SignInMethod]
    capabilities: frozenset[str] = frozenset()
    paths: dict[str, str]
    embedded: bool = False
    demo_partner: tuple[str, str] | None = None
    test_collector: str | None = None
    """A collector the contract check may read (`collector-console check`)."""

    @field_validator("api_base", "auth_base")
    @classmethod
    def _base_url(cls, value: str) -> str:
        return check_base_url(value) if value else value

    @field_validator("test_collector")
    @classmethod
    def _test_collector(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"8[0-9]{10}", value):
            raise ValueError("a test collector is 11 digits starting with 8")
        return value

    @field_validator("paths")
    @classmethod
    def _paths(cls, value: dict[str, str]) -> dict[str, str]:
        missing = [key for key in REQUIRED_PATHS if key not in value]
        if missing:
            raise ValueError(f"missing paths: {', '.join(missing)}")
        bad = [key for key, path in value.items() if not path.startswith("/")]
        if bad:
            raise ValueError(f"paths must start with '/': {', '.join(bad)}")
        return value

    @model_validator(mode="after")
    def _bases_present(self) -> Environment:
        if not self.embedded and not (self.api_base and self.auth_base):
            raise ValueError("api_base and auth_base are required unless the environment is embedded")
        if self.demo_partner is not None and self.kind != "sandbox":
            raise ValueError("demo credentials exist only for the sandbox")
        return self

    @property
    def is_production(self) -> bool:
        return self.kind == "production"

    @property
    def ready(self) -> bool:
        """False for an embedded environment whose sandbox has not been started yet."""
        return bool(self.api_base and self.auth_base)

    def api_url(self, path_key: str) -> str:
        return self.api_base + self.paths[path_key]

    def auth_url(self, path_key: str) -> str:
        return self.auth_base + self.paths[path_key]

    def with_base(self, url: str) -> Environment:
        """This environment served from `url` (API and auth on the same origin, as the sandbox does)."""
        return Environment.model_validate({**self.model_dump(), "api_base": url, "auth_base": url})


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _read(path: Path | Traversable) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise EnvironmentConfigError(f"{path}: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("environments", {}), dict):
        raise EnvironmentConfigError(f'{path}: expected {{"environments": {{name: {{...}}}}}}')
    return data


def load_environments(
    user_file: Path | None = None, *, defaults_file: Path | Traversable = DEFAULTS_FILE
) -> dict[str, Environment]:
    """The bundled environments, with the user's file (if any and present) merged over them."""
    bundled = _read(defaults_file)
    common = bundled.get("defaults", {})
    raw: dict[str, dict[str, Any]] = {
        name: _merge(common, entry) for name, entry in bundled["environments"].items()
    }
    if user_file is not None and user_file.exists():
        for name, entry in _read(user_file).get("environments", {}).items():
            if not isinstance(entry, dict):
                raise EnvironmentConfigError(f"{user_file}: environment {name!r} is not an object")
            if name in raw:
                if "kind" in entry and entry["kind"] != raw[name]["kind"]:
                    raise EnvironmentConfigError(f"{user_file}: the kind of {name!r} cannot be changed")
                raw[name] = _merge(raw[name], entry)
            else:
                raw[name] = _merge({**common, "kind": "custom", "label": name}, entry)
    environments = {}
    for name, entry in raw.items():
        try:
            environments[name] = Environment.model_validate({**entry, "name": name})
        except ValidationError as exc:
            source = user_file if user_file is not None else defaults_file
            raise EnvironmentConfigError(f"{source}: environment {name!r}: {exc}") from exc
    return environments
