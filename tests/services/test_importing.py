"""Bulk import against the real sandbox: columns, bad rows, results, resuming, a fault storm."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from console.api.client import ClientSettings
from console.api.environments import load_environments
from console.api.secrets import SecretStore
from console.api.session import EnvironmentSession
from console.audit import AuditLog
from console.sandbox import EmbeddedSandbox
from console.services.import_columns import COLUMNS, ColumnError, find_column, french_label
from console.services.import_csv import ImportFileError
from console.services.import_results import Status, read_results
from console.services.import_sending import DuplicateSearch
from console.services.import_state import state_path
from console.services.importing import Importer, ImportSummary, Progress, import_source
from console.services.outbox import ItemState, Outbox, OutboxSender
from tests.support.importing import (
    FAST_PATHS,
    enroll_posts,
    members_with,
    options,
    people_file,
    person,
    write_csv,
)
from tests.support.keyrings import MemoryKeyring, using
from tests.support.sandbox_http import PARTNER, machine_token

FAST = ClientSettings(connect_timeout=2.0, read_timeout=5.0, backoff_base=0.01, backoff_cap=0.05)


@pytest.fixture
async def session(sandbox: EmbeddedSandbox) -> AsyncIterator[EnvironmentSession]:
    env = load_environments()["sandbox"].with_base(sandbox.base_url)
    session = EnvironmentSession(env, settings=FAST)
    await session.sign_in_partner(*PARTNER)
    yield session
    await session.aclose()


@pytest.fixture
def token(sandbox: EmbeddedSandbox) -> str:
    return machine_token(sandbox.base_url)


@pytest.fixture
async def outbox(tmp_path: Path) -> AsyncIterator[Outbox]:
    """The outbox the imports send through (the window's, in the console)."""
    with using(MemoryKeyring()):
        box = await Outbox.open(tmp_path / "data" / "outbox.sqlite3", secrets=SecretStore())
        yield box
        await box.close()


async def run(path: Path, session: EnvironmentSession, outbox: Outbox, **extra: object) -> ImportSummary:
    duplicates = DuplicateSearch(session.client) if extra.get("check_duplicates") else None
    audit = extra.pop("audit", None)
    importer = Importer(
        path, outbox, session.client, "sandbox", options(**extra), duplicates=duplicates, consents=audit
    )  # type: ignore[arg-type]
    return await importer.run()


def put_faults(base_url: str, faults: dict) -> None:
    httpx.put(f"{base_url}/_sandbox/faults", json=faults).raise_for_status()


# Columns ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "path"),
    [
        ("personalDetails.firstName", "personalDetails.firstName"),
        ("First name", "personalDetails.firstName"),
        ("  first NAME * ", "personalDetails.firstName"),
        ("Prénom", "personalDetails.firstName"),
        ("Date de naissance", "personalDetails.dateOfBirth"),
        ("Courriel", "contactDetails.email"),
        ("Phone 2", "contactDetails.phones[1].number"),
        ("Téléphone 1", "contactDetails.phones[0].number"),
        ("contactDetails.phones[0].type", "contactDetails.phones[0].type"),
        ("Code postal", "addressDetails.postalCode"),
        ("consents.EMAIL_MARKETING", "consents.EMAIL_MARKETING"),
        ("Email marketing consent", "consents.EMAIL_MARKETING"),
    ],
)
def test_a_column_is_named_by_path_or_by_the_forms_english_or_french_label(header: str, path: str) -> None:
    column = find_column(header)
    assert column is not None and column.path == path


async def test_labels_bom_and_semicolons_are_read_like_paths(
    session: EnvironmentSession, sandbox: EmbeddedSandbox, token: str, tmp_path: Path, outbox: Outbox
) -> None:
    french = [
        "Prénom",
        "Nom",
        "Date de naissance",
        "Courriel",
        "Langue de préférence",
        "Canal d’inscription",
        "consents.EMAIL_MARKETING",
    ]
    english = [
        "First name",
        "Last name",
        "Date of birth",
        "Email",
        "Preferred language",
        "Enrollment channel",
        "Email marketing consent",
    ]
    files = [
        write_csv(tmp_path / "fr.csv", french, [person(1, "fr")], delimiter=";", bom=True),
        write_csv(tmp_path / "en.csv", english, [person(2, "en")]),
        write_csv(tmp_path / "paths.csv", FAST_PATHS, [person(3, "paths")], delimiter=";"),
    ]
    for path, tag, n in zip(files, ("fr", "en", "paths"), (1, 2, 3), strict=True):
        summary = await run(path, session, outbox)
        assert summary.exit_code == 0, read_results(summary.results)
        [result] = read_results(summary.results)
        assert result.status is Status.ENROLLED and result.row == 2
        assert members_with(sandbox.base_url, token, f"{tag}.{n}@example.com") == [result.collector_number]


@pytest.mark.parametrize(
    ("header", "complaint"),
    [
        (["contactDetails.email", "Shoe size"], "Shoe size"),
        (["contactDetails.email", "Email"], "both hold contactDetails.email"),
        (["personalDetails.firstName"], "no contactDetails.email"),
        (["contactDetails.email", "personalDetails.gender"], "not collected"),
    ],
)
async def test_a_header_that_cannot_be_used_stops_before_anything_is_sent(
    session: EnvironmentSession,
    sandbox: EmbeddedSandbox,
    tmp_path: Path,
    outbox: Outbox,
    header: list[str],
    complaint: str,
) -> None:
    path = write_csv(tmp_path / "bad.csv", header, [["x@example.com", "y"]])
    with pytest.raises(ColumnError, match=complaint):
        await run(path, session, outbox)
    assert enroll_posts(sandbox.base_url) == []


def test_french_labels_come_from_the_compiled_catalogue_as_the_window_shows_them() -> None:
    from tools.i18n import catalogue_path, read_catalogue

    messages = read_catalogue(catalogue_path("FR"))
    for column in COLUMNS:
        expected = messages[(column.context, column.source)].translation.replace("&", "")
        if column.phone_row is not None:
            expected = expected.replace("%1", str(column.phone_row + 1))
        assert french_label(column) == expected


# Rows and results ---------------------------------------------------------------------------------


async def test_bad_rows_are_reported_with_their_field_and_never_sent(
    session: EnvironmentSession, sandbox: EmbeddedSandbox, token: str, tmp_path: Path, outbox: Outbox
) -> None:
    rows = [person(n, "bad") for n in range(6)]
    rows[1][3] = "not-an-email"
    rows[2][2] = "25/04/1990"
    rows[3][6] = "maybe"
    rows[4][0] = ""  # required by the profile
    path = write_csv(tmp_path / "people.csv", FAST_PATHS, rows)
    summary = await run(path, session, outbox)
    results = {result.row: result for result in read_results(summary.results)}
    assert summary.exit_code == 0 and summary.results == tmp_path / "people.results.csv"
    assert [results[row].status for row in range(2, 8)] == [
        Status.ENROLLED,
        Status.REJECTED,
        Status.REJECTED,
        Status.REJECTED,
        Status.REJECTED,
        Status.ENROLLED,
    ]
    assert results[3].fields == "contactDetails.email" and "@" in results[3].message
    assert results[4].fields == "personalDetails.dateOfBirth" and "YYYY-MM-DD" in results[4].message
    assert results[5].fields == "consents.EMAIL_MARKETING"
    assert results[6].fields == "personalDetails.firstName" and "Required" in results[6].message
    assert len(enroll_posts(sandbox.base_url)) == 2
    assert members_with(sandbox.base_url, token, "bad.1@example.com") == []


async def test_the_service_s_answers_become_statuses_and_settled_rows_are_not_sent_again(
    session: EnvironmentSession, sandbox: EmbeddedSandbox, tmp_path: Path, outbox: Outbox
) -> None:
    rows = [person(0, "dup"), person(1, "dup"), person(0, "dup")]
    rows[1][3] = "jane.doe@example.com"  # an active member already has it
    path = write_csv(tmp_path / "people.csv", FAST_PATHS, rows)
    first = await run(path, session, outbox, audit=AuditLog(tmp_path / "audit.jsonl"))
    results = read_results(first.results)
    assert [r.status for r in results] == [Status.ENROLLED, Status.ALREADY_ENROLLED, Status.REJECTED]
    assert "row 2" in results[2].message  # the same person twice in the file is sent once
    assert [r["consentType"] for r in AuditLog(tmp_path / "audit.jsonl").read_all()] == ["EMAIL_MARKETING"]
    sent = len(enroll_posts(sandbox.base_url))
    again = await run(path, session, outbox)
    assert read_results(again.results) == results
    assert len(enroll_posts(sandbox.base_url)) == sent


async def test_check_duplicates_finds_the_member_before_sending(
    session: EnvironmentSession, sandbox: EmbeddedSandbox, tmp_path: Path, outbox: Outbox
) -> None:
    rows = [person(0, "chk"), person(1, "chk")]
    rows[1][3] = "jane.doe@example.com"
    path = write_csv(tmp_path / "people.csv", FAST_PATHS, rows)
    summary = await run(path, session, outbox, check_duplicates=True)
    results = read_results(summary.results)
    assert [r.status for r in results] == [Status.ENROLLED, Status.ALREADY_ENROLLED]
    assert results[1].collector_number == "80000000007"
    assert len(enroll_posts(sandbox.base_url)) == 1


async def test_the_state_holds_keys_and_outcomes_but_no_personal_data(
    session: EnvironmentSession, tmp_path: Path, outbox: Outbox
) -> None:
    path, _good, _bad = people_file(tmp_path / "people.csv", 5, "state")
    await run(path, session, outbox)
    stored = b"".join(p.read_bytes() for p in tmp_path.glob("people.import-state.sqlite3*"))  # noqa: ASYNC240
    assert stored
    for cells in (person(n, "state") for n in range(5)):
        for value in (cells[0], cells[1], cells[2], cells[3]):
            assert value.encode() not in stored
            assert value.encode("utf-16-le") not in stored


# Pending, resuming, faults ------------------------------------------------------------------------


async def test_offline_rows_stay_pending_then_settle_with_their_keys(
    session: EnvironmentSession, sandbox: EmbeddedSandbox, token: str, tmp_path: Path, outbox: Outbox
) -> None:
    path, good, _bad = people_file(tmp_path / "people.csv", 12, "offline")
    put_faults(sandbox.base_url, {"maintenance": True, "retryAfter": 0})
    summary = await run(path, session, outbox)
    assert summary.exit_code == 3 and summary.stopped == "OFFLINE"
    assert {r.status for r in read_results(summary.results)} == {Status.PENDING}
    tried = {item["idempotencyKey"] for item in enroll_posts(sandbox.base_url)}
    assert 0 < len(tried) < 12  # it stopped starting rows once the service stayed out of reach

    put_faults(sandbox.base_url, {})
    httpx.delete(f"{sandbox.base_url}/_sandbox/requests").raise_for_status()  # noqa: ASYNC210
    summary = await run(path, session, outbox)
    assert summary.exit_code == 0
    assert {r.status for r in read_results(summary.results)} == {Status.ENROLLED}
    resent = {item["idempotencyKey"] for item in enroll_posts(sandbox.base_url)}
    assert tried <= resent  # the rows tried before went again under their first keys
    for email in good:
        assert len(members_with(sandbox.base_url, token, email)) == 1


@pytest.mark.allow_log_warnings  # "enrollment outcome unknown": the client says so, then the rerun settles it
async def test_a_fault_storm_on_300_rows_loses_and_doubles_no_one(
    session: EnvironmentSession, sandbox: EmbeddedSandbox, token: str, tmp_path: Path, outbox: Outbox
) -> None:
    path, good, bad = people_file(tmp_path / "storm.csv", 300, "storm", bad_every=25)
    put_faults(
        sandbox.base_url,
        {
            "errors": {"rate": 0.2, "statuses": [500, 503, 429], "retryAfter": 0},
            "reset": {"rate": 0.05},
            "commitThenDrop": {"rate": 0.1},
            "retryAfter": 0,
        },
    )
    runs = []
    for _attempt in range(6):
        summary = await run(path, session, outbox, concurrency=6)
        runs.append(summary.counts.pending)
        if summary.exit_code == 0:
            break
    assert summary.exit_code == 0, runs
    put_faults(sandbox.base_url, {})
    results = read_results(summary.results)
    assert len(results) == 300
    assert sorted(r.row for r in results if r.status is Status.REJECTED) == bad
    numbers = [r.collector_number for r in results if r.status is Status.ENROLLED]
    assert len(numbers) == len(good) == len(set(numbers))
    for email in good:
        assert len(members_with(sandbox.base_url, token, email)) == 1, email
    drops = [i for i in enroll_posts(sandbox.base_url) if i["status"] is None]
    assert drops  # the storm did hit enrollments after they were saved


async def test_a_changed_row_is_a_new_enrollment_and_the_state_file_sits_beside_the_import(
    session: EnvironmentSession, tmp_path: Path, outbox: Outbox
) -> None:
    rows = [person(0, "edit")]
    rows[0][2] = "2099-01-01"
    path = write_csv(tmp_path / "people.csv", FAST_PATHS, rows)
    first = await run(path, session, outbox)
    assert read_results(first.results)[0].status is Status.REJECTED
    rows[0][2] = "1990-01-01"
    write_csv(path, FAST_PATHS, rows)
    second = await run(path, session, outbox)
    assert read_results(second.results)[0].status is Status.ENROLLED
    assert state_path(path).is_file()
    assert json.dumps(second.stopped) == "null"


async def test_a_file_that_is_not_utf8_is_refused_at_its_row_before_anything_is_sent(
    session: EnvironmentSession, sandbox: EmbeddedSandbox, tmp_path: Path, outbox: Outbox
) -> None:
    path = tmp_path / "latin1.csv"
    rows = "\r\n".join([";".join(FAST_PATHS), ";".join(person(0, "l1")), ";".join(person(1, "l1"))])
    path.write_bytes(rows.encode("latin-1"))  # Élise, Ève-Marie: not UTF-8
    with pytest.raises(ImportFileError) as caught:
        await run(path, session, outbox)
    assert caught.value.code == "NOT_UTF8" and caught.value.values == ("latin1.csv", "2")
    assert "CSV UTF-8" in str(caught.value)
    assert enroll_posts(sandbox.base_url) == []


# Through the outbox -------------------------------------------------------------------------------


@pytest.mark.parametrize("sender", ["window", "rerun"])
async def test_a_row_left_pending_is_an_outbox_entry_settled_once_by_whoever_sends_it(
    session: EnvironmentSession,
    sandbox: EmbeddedSandbox,
    token: str,
    tmp_path: Path,
    outbox: Outbox,
    sender: str,
) -> None:
    path, good, _bad = people_file(tmp_path / "people.csv", 12, f"ob{sender}")
    put_faults(sandbox.base_url, {"maintenance": True, "retryAfter": 0})
    first = await run(path, session, outbox)
    assert first.exit_code == 3 and first.stopped == "OFFLINE"
    tried = {item["idempotencyKey"] for item in enroll_posts(sandbox.base_url)}
    entries = outbox.items(source=import_source(path))
    assert 0 < len(entries) < 12  # the rows tried, nothing stored ahead and never sent
    assert {item.key for item in entries} == tried
    assert all(item.state is ItemState.WAITING and item.request is not None for item in entries)
    assert {item.request.contact_details.email for item in entries} <= set(good)  # type: ignore[union-attr]

    put_faults(sandbox.base_url, {})
    httpx.delete(f"{sandbox.base_url}/_sandbox/requests").raise_for_status()  # noqa: ASYNC210
    if sender == "window":  # the window's background sender gets there first
        background = OutboxSender(outbox, lambda _env: session.client)
        background.wake()
        sent = await background.send_once()
        assert {item.key for item in sent} == tried
        assert {item.state for item in sent} == {ItemState.ENROLLED}
    second = await run(path, session, outbox)
    assert second.exit_code == 0
    assert {r.status for r in read_results(second.results)} == {Status.ENROLLED}
    posts = enroll_posts(sandbox.base_url)
    assert len(posts) == 12 and {p["idempotencyKey"] for p in posts} >= tried  # each key sent once here
    assert len({p["idempotencyKey"] for p in posts}) == 12
    for email in good:
        assert len(members_with(sandbox.base_url, token, email)) == 1, email
    assert outbox.items(source=import_source(path)) == []  # settled rows leave the outbox


async def test_a_stopped_import_leaves_no_row_it_did_not_send_in_the_outbox(
    session: EnvironmentSession, sandbox: EmbeddedSandbox, tmp_path: Path, outbox: Outbox
) -> None:
    path, _good, _bad = people_file(tmp_path / "people.csv", 80, "stop")
    importer = Importer(path, outbox, session.client, "sandbox", options())

    def stop_early(progress: Progress) -> None:
        if progress.counts.done == 3:
            importer.cancel()

    summary = await importer.run(stop_early)
    assert summary.stopped == "cancelled" and summary.exit_code == 3
    results = read_results(summary.results)
    sent = {item["idempotencyKey"] for item in enroll_posts(sandbox.base_url)}
    assert len([r for r in results if r.status is Status.ENROLLED]) == len(sent) < 80
    assert outbox.items(source=import_source(path)) == []  # sent rows settled; the others never stored
