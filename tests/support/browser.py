"""A stand-in for the system browser: fills the sandbox's sign-in form with httpx.

Hand an instance to ``EnvironmentSession.sign_in_member(connection, open_browser=...)``; it runs
in a worker thread, so plain (sync) httpx is right here. UI tests reuse it.
"""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import httpx

JANE_EMAIL = "jane.doe@example.com"
JANE_PASSWORD = "sandbox"
JANE_NUMBER = "80000000007"
JANE_PIN = "1234"


class _Form(HTMLParser):
    """The first form of a page: its action and its inputs' names and values."""

    def __init__(self) -> None:
        super().__init__()
        self.action: str | None = None
        self.fields: dict[str, str] = {}
        self._inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "form" and self.action is None:
            self.action = found.get("action") or ""
            self._inside = True
        elif tag == "input" and self._inside and found.get("name") and found.get("type") != "submit":
            self.fields[found["name"] or ""] = found.get("value") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._inside = False


class SandboxBrowser:
    """Signs in on the sandbox page with email + password or collector number + PIN.

    ``state`` replaces the state the tenant sends back (to test that a wrong one is refused);
    ``cancel`` presses the page's Cancel button instead of signing in.
    After a call, ``callback_status`` and ``callback_page`` hold what the console's listener
    answered, and ``opened`` the sign-in URLs the console asked to open.
    """

    def __init__(
        self,
        *,
        email: str | None = None,
        password: str | None = None,
        collector_number: str | None = None,
        pin: str | None = None,
        state: str | None = None,
        cancel: bool = False,
    ) -> None:
        if email is None and collector_number is None:
            email, password = JANE_EMAIL, JANE_PASSWORD
        self.credentials = (
            {"email": email, "password": password or ""}
            if email is not None
            else {"collectorNumber": collector_number or "", "pin": pin or ""}
        )
        self.state = state
        self.cancel = cancel
        self.opened: list[str] = []
        self.callback_status: int | None = None
        self.callback_page = ""

    def __call__(self, url: str) -> None:
        self.opened.append(url)
        with httpx.Client(timeout=10) as http:
            page = http.get(url)
            page.raise_for_status()
            form = _Form()
            form.feed(page.text)
            if form.action is None:
                raise AssertionError(f"no sign-in form on {url}")
            fields = {**form.fields, **({"cancel": "1"} if self.cancel else self.credentials)}
            answer = http.post(urljoin(str(page.url), form.action), data=fields)
            if answer.status_code != 302:
                raise AssertionError(f"sign-in form answered {answer.status_code}, not a redirect")
            callback = answer.headers["location"]
            if self.state is not None:
                callback = _with_state(callback, self.state)
            reply = http.get(callback)
            self.callback_status = reply.status_code
            self.callback_page = reply.text


def _with_state(url: str, state: str) -> str:
    parts = urlsplit(url)
    query = {**dict(parse_qsl(parts.query)), "state": state}
    return urlunsplit(parts._replace(query=urlencode(query)))
