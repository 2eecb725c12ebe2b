"""Helpers shared by the test suites, in one place (import them as `tests.support.NAME`).

- `sandbox`: the sandbox over raw HTTP for the contract tests: sign-in form, tokens, control
  endpoints (faults, settings, clock, request log), error checks, enrollment documents.
- `sandbox_http`: tokens and control calls with plain HTTP for the client tests (independent of the
  console's token code), `StaticBearer`, waiting for logged requests.
- `browser`: `SandboxBrowser`, a stand-in for the system browser that signs in on the sandbox's page.
- `keyrings`: in-memory and failing keyring backends (never the real system keyring).
- `token_watch`: real HTTP that hands every issued token to the log scan.
- `log_scan`: the pytest plugin failing the run when a token or secret reaches a log.
- `qt`: `run(qtbot, coroutine)` on the qasync loop; `stand_in_session`.
- `window`: fixtures and helpers for tests driving the whole main window.
- `importing`: CSV files of generated people for the import tests, and what the sandbox holds.
"""
