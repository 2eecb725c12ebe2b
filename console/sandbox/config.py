"""Start-up configuration of the sandbox and its fault settings."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import platformdirs

AUDIENCE = "loyalty-api"
MAX_MEMBERS = 100_000
ERROR_STATUSES = (500, 503, 429)


DATA_FOLDER_APP = "collector-console"
EMBEDDED_DB_NAME = "embedded-sandbox.sqlite3"
COMMAND_LINE_DB_NAME = "sandbox.sqlite3"


def data_folder() -> Path:
    """The console's data folder (platform-specific), where the sandboxes keep their databases."""
    return Path(platformdirs.user_data_dir(DATA_FOLDER_APP, appauthor=False))


def embedded_db_path() -> Path:
    """The database of the sandbox the console starts itself."""
    return data_folder() / EMBEDDED_DB_NAME


def command_line_db_path() -> Path:
    """The default database of `collector-sandbox`."""
    return data_folder() / COMMAND_LINE_DB_NAME


MAX_LATENCY_MS = 60_000
MAX_COUNT = 10_000
MAX_WAIT = 3600
"""Retry-After values and rate-limit windows, in seconds."""
# Bounds of the run-time settings, in seconds (minAge in years).
SETTING_BOUNDS = {
    "accessTokenTtl": (1, 86_400),
    "refreshTokenTtl": (1, 365 * 86_400),
    "codeTtl": (1, 3600),
    "minAge": (0, 120),
}


class ConfigError(ValueError):
    """A fault or settings document that cannot be applied; `field` names the bad value."""

    def __init__(self, message: str, field: str = "body") -> None:
        super().__init__(message)
        self.field = field


@dataclass
class Share:
    """A fault hitting a random share of requests (`rate`) and/or the next `next` matching requests."""

    rate: float = 0.0
    next: int = 0

    @property
    def active(self) -> bool:
        return self.rate > 0 or self.next > 0


@dataclass
class ErrorShare(Share):
    statuses: tuple[int, ...] = ERROR_STATUSES
    retry_after: int = 1


@dataclass
class RateLimit:
    requests: int
    per_seconds: float = 1.0


@dataclass
class Faults:
    """Faults on demand; the JSON form is the body of `PUT /_sandbox/faults`."""

    latency_ms: int = 0
    errors: ErrorShare = field(default_factory=ErrorShare)
    reset: Share = field(default_factory=Share)
    commit_then_drop: Share = field(default_factory=Share)
    maintenance: bool = False
    retry_after: int = 1
    rate_limit: RateLimit | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "latencyMs": self.latency_ms,
            "errors": {
                "rate": self.errors.rate,
                "next": self.errors.next,
                "statuses": list(self.errors.statuses),
                "retryAfter": self.errors.retry_after,
            },
            "reset": asdict(self.reset),
            "commitThenDrop": asdict(self.commit_then_drop),
            "maintenance": self.maintenance,
            "retryAfter": self.retry_after,
            "rateLimit": None
            if self.rate_limit is None
            else {"requests": self.rate_limit.requests, "perSeconds": self.rate_limit.per_seconds},
        }

    @classmethod
    def from_json(cls, data: Any) -> Faults:
        """Parse a faults document; omitted keys take their defaults (off). Raises ConfigError."""
        doc = _object(data, "faults")
        _no_unknown(
            doc,
            {"latencyMs", "errors", "reset", "commitThenDrop", "maintenance", "retryAfter", "rateLimit"},
            "faults",
        )
        errors = _object(doc.get("errors", {}), "errors")
        _no_unknown(errors, {"rate", "next", "statuses", "retryAfter"}, "errors")
        statuses = errors.get("statuses", list(ERROR_STATUSES))
        if not isinstance(statuses, list) or not statuses or any(s not in ERROR_STATUSES for s in statuses):
            raise ConfigError("errors.statuses must be a non-empty list of 500, 503, 429", "errors.statuses")
        limit = doc.get("rateLimit")
        rate_limit = None
        if limit is not None:
            limit = _object(limit, "rateLimit")
            _no_unknown(limit, {"requests", "perSeconds"}, "rateLimit")
            rate_limit = RateLimit(
                _int(limit.get("requests"), "rateLimit.requests", 1, MAX_COUNT),
                _number(limit.get("perSeconds", 1), "rateLimit.perSeconds", MAX_WAIT),
            )
        maintenance = doc.get("maintenance", False)
        if not isinstance(maintenance, bool):
            raise ConfigError("maintenance must be true or false", "maintenance")
        return cls(
            latency_ms=_int(doc.get("latencyMs", 0), "latencyMs", 0, MAX_LATENCY_MS),
            errors=ErrorShare(
                **_share(errors, "errors"),
                statuses=tuple(statuses),
                retry_after=_int(errors.get("retryAfter", 1), "errors.retryAfter", 0, MAX_WAIT),
            ),
            reset=Share(**_share(_object(doc.get("reset", {}), "reset"), "reset")),
            commit_then_drop=Share(
                **_share(_object(doc.get("commitThenDrop", {}), "commitThenDrop"), "commitThenDrop")
            ),
            maintenance=maintenance,
            retry_after=_int(doc.get("retryAfter", 1), "retryAfter", 0, MAX_WAIT),
            rate_limit=rate_limit,
        )


@dataclass
class SandboxConfig:
    """How the sandbox starts; `db` names its SQLite file, None keeps the data in memory (throwaway)."""

    members: int = 500
    seed: int = 1
    db: str | None = None
    access_token_ttl: int = 3600
    refresh_token_ttl: int = 30 * 86400
    code_ttl: int = 120
    min_age: int = 13
    latency_ms: int = 0
    faults: Faults = field(default_factory=Faults)

    def __post_init__(self) -> None:
        if not 0 <= self.members <= MAX_MEMBERS:
            raise ConfigError(f"members must be between 0 and {MAX_MEMBERS}", "members")


@dataclass
class Settings:
    """The settings `PUT /_sandbox/settings` may change at run time."""

    access_token_ttl: int
    refresh_token_ttl: int
    code_ttl: int
    min_age: int

    KEYS: ClassVar[dict[str, str]] = {
        "accessTokenTtl": "access_token_ttl",
        "refreshTokenTtl": "refresh_token_ttl",
        "codeTtl": "code_ttl",
        "minAge": "min_age",
    }

    @classmethod
    def from_config(cls, config: SandboxConfig) -> Settings:
        return cls(config.access_token_ttl, config.refresh_token_ttl, config.code_ttl, config.min_age)

    def to_json(self) -> dict[str, int]:
        return {key: getattr(self, attr) for key, attr in self.KEYS.items()}

    def update(self, data: Any) -> None:
        """Apply a partial update; raises ConfigError and changes nothing when a value is bad."""
        doc = _object(data, "settings")
        _no_unknown(doc, set(self.KEYS), "settings")
        values = {self.KEYS[k]: _int(v, k, *SETTING_BOUNDS[k]) for k, v in doc.items()}
        for attr, value in values.items():
            setattr(self, attr, value)


def _object(value: Any, name: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"{name} must be an object", name)
    return value


def _no_unknown(doc: dict[str, Any], known: set[str], name: str) -> None:
    unknown = set(doc) - known
    if unknown:
        first = sorted(unknown)[0]
        field = first if name in ("faults", "settings") else f"{name}.{first}"
        raise ConfigError(f"unknown keys in {name}: {', '.join(sorted(unknown))}", field)


def _int(value: Any, name: str, minimum: int, maximum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
        raise ConfigError(f"{name} must be an integer from {minimum} to {maximum}", name)
    return value


def _number(value: Any, name: str, maximum: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= maximum:
        raise ConfigError(f"{name} must be a number above 0 and at most {maximum}", name)
    return float(value)


def _share(doc: dict[str, Any], name: str) -> dict[str, Any]:
    _no_unknown(
        doc, {"rate", "next", "statuses", "retryAfter"} if name == "errors" else {"rate", "next"}, name
    )
    rate = doc.get("rate", 0.0)
    if isinstance(rate, bool) or not isinstance(rate, int | float) or not 0 <= rate <= 1:
        raise ConfigError(f"{name}.rate must be between 0 and 1", f"{name}.rate")
    return {"rate": float(rate), "next": _int(doc.get("next", 0), f"{name}.next", 0, MAX_COUNT)}
