"""A request of the exchange log as a cURL command that runs as it is pasted.

The access token becomes `"$COLLECTOR_TOKEN"` (a comment line says how to set it), every other secret and
personal value becomes a valid placeholder of the right shape (the contract's PLACEHOLDER redaction, so
the JSON stays valid), the text is ASCII only, the query string is encoded, and a replay gets a fresh
`X-Correlation-Id` and, for an enrollment, a fresh `Idempotency-Key` (the same key would only replay the
first answer). With `reveal` the member's own values are kept (the caller checks who may, and audits it).
"""

from __future__ import annotations

import json
import shlex
import uuid
from urllib.parse import quote, urlsplit, urlunsplit

from console.api.exchange import Exchange
from console.api.redaction import Mode

TOKEN_VARIABLE = "COLLECTOR_TOKEN"  # noqa: S105 - the name of a shell variable
SECRET_VARIABLE = "COLLECTOR_CLIENT_SECRET"  # noqa: S105 - the name of a shell variable
TOKEN_COMMENT = (f"# Set {TOKEN_VARIABLE} first: export {TOKEN_VARIABLE}='<access token>' "
                 "(Tools > Token... shows the current one's claims; any partner token works)")
SECRET_COMMENT = f"# Set {SECRET_VARIABLE} first: export {SECRET_VARIABLE}='<partner client secret>'"
_SECRET_FIELD = "client_secret="  # noqa: S105 - a form field name
_MARK = "\x00"
_SKIPPED = frozenset({"content-length", "host", "accept-encoding", "connection"})
_FRESH = frozenset({"x-correlation-id", "idempotency-key"})


def _ascii_url(url: str) -> str:
    """The URL with anything outside ASCII percent-encoded (path and query), the rest left as sent."""
    parts = urlsplit(url)
    safe = "/%:@!$&'()*+,;=-._~?"
    return urlunsplit(parts._replace(path=quote(parts.path, safe=safe), query=quote(parts.query, safe=safe)))


def _ascii(text: str) -> str:
    return text.encode("ascii", "backslashreplace").decode("ascii")


def as_curl(exchange: Exchange, *, reveal: bool = False) -> str:
    """The request as a runnable cURL command (lines joined with backslash-newline)."""
    view = exchange.view(Mode.PLACEHOLDER, reveal)
    lines = [f"curl -X {exchange.method} {shlex.quote(_ascii_url(view.url))}"]
    bearer = False
    for name, value in view.request_headers.items():
        lower = name.lower()
        if lower in _SKIPPED:
            continue
        if lower == "authorization" and value.lower().startswith("bearer"):
            lines.append(f'-H "{name}: Bearer ${TOKEN_VARIABLE}"')
            bearer = True
            continue
        if lower in _FRESH:
            value = str(uuid.uuid4())
        lines.append(f"-H {shlex.quote(_ascii(f'{name}: {value}'))}")
    body = view.request_body
    secret = False
    if body is not None:
        text = body if isinstance(body, str) else json.dumps(body, ensure_ascii=True)
        if isinstance(body, str) and _SECRET_FIELD in text:  # a token request: the secret from the shell
            fields = [_SECRET_FIELD + _MARK if field.startswith(_SECRET_FIELD) else field
                      for field in text.split("&")]
            text, secret = "&".join(fields), True
        quoted = shlex.quote(_ascii(text)).replace(_MARK, f"'\"${SECRET_VARIABLE}\"'")
        lines.append(f"--data-raw {quoted}")
    comments = ([TOKEN_COMMENT] if bearer else []) + ([SECRET_COMMENT] if secret else [])
    return "".join(f"{line}\n" for line in comments) + " \\\n  ".join(lines) + "\n"
