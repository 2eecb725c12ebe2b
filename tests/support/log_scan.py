"""A pytest plugin that fails the run if any issued token or secret shows up in any log record.

Every record of the whole suite, at every level, passes through a handler on the root logger. Tests
(and their helpers) register the values that must never be logged with `watch(value)` or
`watch_token_response(body)`; the sandbox's demo secrets are always watched. A value registered after
it was logged is still found. Findings are listed after the run, which then fails.

Register it from tests/conftest.py with `pytest_plugins = ["tests.support.log_scan"]`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Mapping
from typing import Any

import pytest

DEMO_SECRETS = ("sandbox-partner-secret", "sandbox-readonly-secret")
MIN_LENGTH = 8  # shorter values (PINs, "sandbox") would match ordinary words
_WORDS = re.compile(r"""[^\s"'=&,;:()\[\]{}<>|\\]+""")


class LogScan(logging.Handler):
    """Remembers where each long word of the log was first seen, and which watched values appeared."""

    def __init__(self, watched: tuple[str, ...] = DEMO_SECRETS) -> None:
        super().__init__(logging.NOTSET)
        self.current = "(outside tests)"
        self._watched: set[str] = set()
        self._seen: dict[str, tuple[str, str]] = {}  # word -> (test, logger) of its first record
        self.hits: dict[str, tuple[str, str]] = {}  # watched value -> (test, logger)
        self._fixed = watched
        for value in watched:
            self.watch(value)

    def watch(self, *values: str | None) -> None:
        for value in values:
            if value and len(value) >= MIN_LENGTH:
                self._watched.add(value)
                if value in self._seen and value not in self.hits:
                    self.hits[value] = self._seen[value]

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = record.getMessage()
        except Exception:  # a bad format string still has its parts scanned
            text = f"{record.msg} {record.args}"
        if record.exc_info and record.exc_info[1] is not None:
            text += f" {record.exc_info[1]!r}"
        if record.exc_text:
            text += f" {record.exc_text}"
        where = (self.current, record.name)
        for word in _WORDS.findall(text):
            if len(word) >= MIN_LENGTH:
                self._seen.setdefault(word, where)
                if word in self._watched:
                    self.hits.setdefault(word, where)
        for value in self._fixed:  # fixed secrets are also found inside longer words
            if value in text:
                self.hits.setdefault(value, where)

    def report(self) -> list[str]:
        return [
            f"{value[:6]}… (length {len(value)}) logged by {logger!r} during {test}"
            for value, (test, logger) in self.hits.items()
        ]


_scan = LogScan()
watch = _scan.watch


def watch_token_response(body: Mapping[str, Any]) -> None:
    """Watch every token in an OAuth token response."""
    watch(*(body.get(key) for key in ("access_token", "refresh_token", "id_token")))


def pytest_configure(config: pytest.Config) -> None:
    root = logging.getLogger()
    root.addHandler(_scan)
    root.setLevel(logging.DEBUG)  # every record, at every level, is created and scanned


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item) -> Iterator[None]:
    _scan.current = item.nodeid
    try:
        return (yield)
    finally:
        _scan.current = "(outside tests)"


@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    logging.getLogger().removeHandler(_scan)
    if _scan.hits:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if _scan.hits:
        terminalreporter.section("secrets found in logs", sep="=", red=True, bold=True)
        for line in _scan.report():
            terminalreporter.line(line, red=True)
