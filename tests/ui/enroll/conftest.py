"""Enrollment fixtures: a partner session on the sandbox, the page with a private audit file, helpers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from PySide6.QtWidgets import QComboBox

from console.api.client import ClientSettings
from console.api.environments import Environment, load_environments
from console.api.session import EnvironmentSession
from console.audit import AuditLog
from console.ui.context import ConsoleContext
from console.ui.enroll import EnrollPage
from tests.support.qt import run
from tests.ui.enroll.keys import type_text

PARTNER = ("sandbox-partner", "sandbox-partner-secret")


@pytest.fixture
def environment(sandbox_url: str) -> Environment:
    return load_environments()["sandbox"].with_base(sandbox_url)


@pytest.fixture
def make_session(qtbot: Any, qasync_loop: Any, environment: Environment) -> Iterator[Any]:
    """Makes partner sessions signed in on the sandbox (optionally another environment or client settings)."""
    made: list[EnvironmentSession] = []

    def make(
        env: Environment | None = None, transport: httpx.AsyncBaseTransport | None = None, **settings: Any
    ) -> EnvironmentSession:
        session = EnvironmentSession(
            env or environment, settings=ClientSettings(**settings) if settings else None, transport=transport
        )
        made.append(session)
        run(qtbot, session.sign_in_partner(*PARTNER))
        return session

    yield make
    for session in made:
        run(qtbot, session.aclose())


@pytest.fixture
def session(make_session: Any) -> EnvironmentSession:
    return make_session(backoff_base=0.01, backoff_cap=0.05)


@pytest.fixture
def audit(tmp_path: Path) -> AuditLog:
    return AuditLog(tmp_path / "audit.jsonl")


@pytest.fixture
def page(
    qtbot: Any, qasync_loop: Any, context: ConsoleContext, session: EnvironmentSession, audit: AuditLog
) -> EnrollPage:
    context.set_session(session)
    widget = EnrollPage(context, audit=audit)
    qtbot.addWidget(widget)
    widget.resize(1000, 900)
    widget.show()
    return widget


@pytest.fixture
def make_page(qtbot: Any, context: ConsoleContext, audit: AuditLog, make_session: Any) -> Any:
    """A shown page on a new partner session (another environment or client settings when given)."""

    def make(
        env: Environment | None = None, transport: httpx.AsyncBaseTransport | None = None, **settings: Any
    ) -> EnrollPage:
        context.set_session(make_session(env, transport, **settings))
        widget = EnrollPage(context, audit=audit)
        qtbot.addWidget(widget)
        widget.resize(1000, 900)
        widget.show()
        return widget

    return make


@pytest.fixture
def no_search(environment: Environment) -> Environment:
    """The sandbox environment without the search capability (no duplicate check)."""
    return environment.model_copy(update={"capabilities": frozenset()})


@pytest.fixture
def control(sandbox_url: str) -> Any:
    """Calls to the sandbox's control and collector routes from the test itself."""
    return SandboxControl(sandbox_url)


class SandboxControl:
    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self._token: str | None = None

    def faults(self, **faults: Any) -> None:
        httpx.put(f"{self.base_url}/_sandbox/faults", json=faults).raise_for_status()

    def settings(self, **settings: Any) -> None:
        httpx.put(f"{self.base_url}/_sandbox/settings", json=settings).raise_for_status()

    def requests(self, path: str = "/collectors/") -> list[dict[str, Any]]:
        response = httpx.get(f"{self.base_url}/_sandbox/requests")
        response.raise_for_status()
        return [item for item in response.json()["items"] if item["path"].rstrip("/") == path.rstrip("/")]

    def enrollments(self) -> list[dict[str, Any]]:
        return [item for item in self.requests("/collectors") if item["method"] == "POST"]

    def token(self) -> str:
        if self._token is None:
            response = httpx.post(
                f"{self.base_url}/oauth/token",
                data={
                    "grant_type": "client_credentials",
                    "client_id": PARTNER[0],
                    "client_secret": PARTNER[1],
                    "audience": "loyalty-api",
                },
            )
            response.raise_for_status()
            self._token = response.json()["access_token"]
        return self._token

    def get(self, path: str, collector_number: str | None = None, **params: Any) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {self.token()}"}
        if collector_number:
            headers["Collector-Number"] = collector_number
        response = httpx.get(f"{self.base_url}{path}", headers=headers, params=params)
        response.raise_for_status()
        return response.json()


def choose(combo: QComboBox, data: str) -> None:
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


def fill_in_person(page: EnrollPage, *, email: str = "eve-marie.oneil@example.com") -> None:
    """Fill the in-person profile as staff would, typing every text as key events."""
    form = page.form
    type_text(form.field("personalDetails.firstName"), "Ève-Marie")
    type_text(form.field("personalDetails.lastName"), "O'Neil")
    type_text(form.field("personalDetails.dateOfBirth"), "1988-03-14")
    type_text(form.field("contactDetails.email"), email)
    type_text(form.field("contactDetails.phones[0]"), "(438) 555-0299")
    type_text(form.field("addressDetails.city"), "Montréal")
    choose(form.field("addressDetails.province"), "QC")
    type_text(form.field("addressDetails.postalCode"), "h2x1y4")
    choose(form.field("preferences.language"), "FR")
    choose(form.field("enrollmentChannel"), "EVENT")
