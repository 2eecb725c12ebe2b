"""Bulk enrollment from a CSV file: the window's Tools → Import enrollments… and `collector-console import`.

Qt-free. `Importer(path, outbox, client, ...).run(on_progress)` streams the file row by row: each row
goes through the form's own checks (`enrollment_fields.read`) and a bad row is reported with its fields
and never sent. A good row gets an idempotency key, kept in the import's state, and becomes an entry of
the outbox the window uses (stored before its first attempt, under that key), sent from there with a
bounded number in flight. Once the row's outcome is in the import's state its entry leaves the outbox;
a row left pending stays there, so the window's sender may settle it too. Results go to
`FILE.results.csv` in row order. Running it again resumes: settled rows are not sent again, pending rows
are settled with their stored keys, so nobody is enrolled twice. `cancel()` stops starting rows; the rows
in flight finish (or stay pending with their key).

Rows are stored and claimed for sending in small batches ahead of the senders (one commit of each file
for a batch), and outcomes are written in batches, so neither the disk nor the outbox's thread sets the
pace.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Protocol

from console.api.client import CollectorClient
from console.api.errors import CollectorError
from console.api.models import EnrollmentRequest
from console.field_profiles import FieldProfile, ProfileSet
from console.services import enrollment_fields as ef
from console.services.import_columns import ColumnMap, map_headers
from console.services.import_csv import ImportFileError, Row, count_rows, open_rows
from console.services.import_messages import MATCH_REASONS, MESSAGES, Translate, english, message
from console.services.import_results import Counts, ResultsWriter, RowResult, Status, results_path
from console.services.import_sending import DuplicateSearch, SendOutcome, outcome_of
from console.services.import_state import ImportState, state_path
from console.services.outbox import Outbox

log = logging.getLogger(__name__)

DEFAULT_CONCURRENCY = 4
OFFLINE_AFTER = 5
"""Rows in a row that could not reach the service before the import stops starting new ones."""
STORE_BATCH = 32
"""Rows at most stored and claimed together (in the state and the outbox) ahead of the senders."""
SETTLE_BATCH = 64
"""Outcomes written to the state together, before their rows' outbox entries are dropped."""

YES = frozenset({"yes", "y", "oui", "o", "true", "1", "x"})
NO = frozenset({"no", "n", "non", "false", "0"})


class ConsentRecorder(Protocol):
    """Where consent evidence goes (the audit file)."""

    def record_consent(
        self,
        *,
        consent_type: str,
        granted: bool,
        wording_version: str,
        language: str,
        channel: str,
        staff: str,
        environment: str,
        collector_number: str,
        captured_at: datetime | str | None = None,
    ) -> object: ...


@dataclass(frozen=True)
class ImportOptions:
    profile: FieldProfile
    wording_version: str
    concurrency: int = DEFAULT_CONCURRENCY
    check_duplicates: bool = False
    min_age: int = ef.DEFAULT_MIN_AGE
    today: date | None = None
    translate: Translate = english
    language: str = "EN"
    """The language of `translate` (province names in messages)."""
    staff: str = ""
    """Who runs the import, for the consent evidence."""

    @classmethod
    def from_profiles(
        cls, profiles: ProfileSet, profile: str | None = None, **extra: object
    ) -> ImportOptions:
        """Options for a named profile of `profiles` (its default when None); KeyError when unknown."""
        return cls(profiles.profiles[profile or profiles.default], profiles.wording_version, **extra)  # type: ignore[arg-type]


@dataclass
class Progress:
    counts: Counts
    started: float
    """time.monotonic() at the start."""

    @property
    def elapsed(self) -> float:
        return max(time.monotonic() - self.started, 1e-6)

    @property
    def rate(self) -> float:
        """Rows per second so far."""
        return self.counts.done / self.elapsed

    @property
    def seconds_left(self) -> float | None:
        total, done = self.counts.total, self.counts.done
        if total is None or done == 0:
            return None
        return (total - done) / self.rate


@dataclass
class ImportSummary:
    counts: Counts
    results: Path
    stopped: str | None = None
    """None, or why rows were left unsent: "cancelled", "OFFLINE", "SIGNED_OUT", "NOT_ALLOWED"."""
    orphans: int = 0
    """Rows sent by an earlier run, outcome unknown, whose line has since changed or gone."""

    @property
    def settled(self) -> bool:
        return self.counts.pending == 0

    @property
    def exit_code(self) -> int:
        return 0 if self.settled else 3


@dataclass
class _Job:
    row: int
    row_hash: str
    request: EnrollmentRequest
    key: str
    captured_at: datetime
    known: bool
    """The key was stored by an earlier run (the row may have reached the service)."""
    result: asyncio.Future[RowResult] = field(repr=False)
    stored: bool = False
    """The key is in the state and the row in the outbox."""
    claimed: bool = False
    """The outbox item is marked "sending", ahead of its call."""


def import_source(path: Path | str) -> str:
    """The outbox `source` of an import file's rows: "import:" and a digest of the file's place."""
    digest = hashlib.sha256(str(Path(path).resolve()).encode()).hexdigest()
    return f"import:{digest[:16]}"


def import_paths(path: Path | str) -> tuple[Path, Path]:
    """(results file, state file) of an import file."""
    return results_path(path), state_path(path)


def check_columns(path: Path | str, profile: FieldProfile, language: str = "EN") -> ColumnMap:
    """The file's column map; raises ImportFileError or ColumnError (before anything is sent)."""
    with open_rows(path) as (header, _rows):
        return map_headers(header.cells, profile, language)


class Importer:
    """One run of an import file into one environment."""

    def __init__(
        self,
        path: Path | str,
        outbox: Outbox,
        client: CollectorClient,
        environment: str,
        options: ImportOptions,
        *,
        duplicates: DuplicateSearch | None = None,
        consents: ConsentRecorder | None = None,
    ) -> None:
        self.path = Path(path)
        self.outbox = outbox
        self.client = client
        self.source = import_source(path)
        self.environment = environment
        self.options = options
        self.duplicates = duplicates if options.check_duplicates else None
        self.consents = consents
        self._stop: str | None = None
        self._offline_streak = 0
        self._first_row: dict[str, int] = {}
        self._settled: list[str] = []
        """Keys whose outcome waits for the state's next commit; their outbox entries go after it."""

    # --- control ------------------------------------------------------------------------------------

    def cancel(self) -> None:
        """Start no more rows; those in flight finish. The results list the others as pending."""
        self._stop = self._stop or "cancelled"

    @property
    def stopping(self) -> bool:
        return self._stop is not None

    def check_columns(self) -> ColumnMap:
        return check_columns(self.path, self.options.profile, self.options.language)

    # --- the run ------------------------------------------------------------------------------------

    async def run(self, on_progress: Callable[[Progress], None] | None = None) -> ImportSummary:
        """Import the file; raises ImportFileError, ColumnError or StateError (the state is kept)."""
        columns = self.check_columns()
        counts = Counts(total=await asyncio.to_thread(count_rows, self.path))
        progress = Progress(counts, time.monotonic())
        results = ResultsWriter(results_path(self.path))
        committed = False
        try:
            with ImportState(state_path(self.path), self.environment) as state:
                try:
                    await self._run(columns, state, results, progress, on_progress)
                finally:
                    await self._drop_settled(state)
                    for item in self.outbox.items(source=self.source):
                        await self.outbox.unclaim(item.key)  # claimed, never sent (the run was cut short)
                        self.outbox.release(item.key)  # a pending row is the window's sender's to send too
                orphans = state.unseen_pending()
            path = results.commit()
            committed = True
        finally:
            if not committed:
                results.discard()
        return ImportSummary(counts, path, self._stop, orphans)

    async def _run(
        self,
        columns: ColumnMap,
        state: ImportState,
        results: ResultsWriter,
        progress: Progress,
        on_progress: Callable[[Progress], None] | None,
    ) -> None:
        loop = asyncio.get_running_loop()
        concurrency = max(1, self.options.concurrency)
        ordered: asyncio.Queue[asyncio.Future[RowResult] | None] = asyncio.Queue(maxsize=concurrency * 8 + 64)
        planned: asyncio.Queue[_Job | None] = asyncio.Queue(maxsize=STORE_BATCH)
        jobs: asyncio.Queue[_Job | None] = asyncio.Queue(maxsize=concurrency + STORE_BATCH)

        async def produce() -> None:
            with open_rows(self.path) as (_header, rows):
                for row in rows:
                    future: asyncio.Future[RowResult] = loop.create_future()
                    await ordered.put(future)
                    job = self._plan(row, columns, state, future)
                    if isinstance(job, RowResult):
                        future.set_result(job)
                    else:
                        await planned.put(job)
            await ordered.put(None)
            await planned.put(None)

        async def store() -> None:
            """Store and claim the rows about to be sent in batches: a few commits for many rows."""
            more = True
            while more:
                batch: list[_Job] = []
                while more and (batch == [] or (len(batch) < STORE_BATCH and not planned.empty())):
                    job = await planned.get()
                    if job is None:
                        more = False
                    else:
                        batch.append(job)
                await self._store(batch, state)
                for job in batch:
                    await jobs.put(job)
            for _ in range(concurrency):
                await jobs.put(None)

        async def work() -> None:
            while (job := await jobs.get()) is not None:
                job.result.set_result(await self._execute(job, state))

        async def write() -> None:
            while (future := await ordered.get()) is not None:
                result = await future
                results.write(result)
                progress.counts.add(result.status)
                if len(self._settled) >= SETTLE_BATCH:
                    await self._drop_settled(state)
                if on_progress is not None:
                    on_progress(progress)

        async with asyncio.TaskGroup() as group:
            group.create_task(produce())
            group.create_task(store())
            for _ in range(concurrency):
                group.create_task(work())
            group.create_task(write())

    # --- one row ------------------------------------------------------------------------------------

    def _text(self, code: str, arg: str = "") -> str:
        return message(code, (arg,), self.options.translate)

    def _plan(
        self, row: Row, columns: ColumnMap, state: ImportState, future: asyncio.Future[RowResult]
    ) -> _Job | RowResult:
        """Check a row: its result when it is bad, settled or not to be sent now; else the job to send it."""
        texts, answers = columns.texts(row.cells)
        options = self.options
        reading = ef.read(texts, options.profile, today=options.today, min_age=options.min_age)
        problems = {path: problem for path, problem in reading.problems.items() if not problem.warning}
        consents: list[tuple[str, bool]] = []
        for kind, text in answers.items():
            answer = text.strip().casefold()
            if answer in YES or answer in NO:
                consents.append((kind, answer in YES))
            elif answer:
                problems[f"consents.{kind}"] = ef.Problem("CONSENT_ANSWER")
        if problems:
            return RowResult(
                row.number, Status.REJECTED, fields="; ".join(problems), message=self._problems_text(problems)
            )
        row_hash = state.row_hash(reading.values, consents)
        first = self._first_row.setdefault(row_hash, row.number)
        if first != row.number:
            return RowResult(row.number, Status.REJECTED, message=self._text("SAME_AS_ROW", str(first)))
        stored = state.get(row_hash)
        if stored is not None:
            state.seen(row_hash, row.number)
            if stored.status.settled:
                message = stored.message or (
                    self._text("ALREADY_ENROLLED") if stored.status is Status.ALREADY_ENROLLED else ""
                )
                return RowResult(row.number, stored.status, stored.collector_number, stored.fields, message)
        if self._stop is not None:
            code = "UNKNOWN" if stored is not None else self._stop_code()
            return RowResult(row.number, Status.PENDING, message=self._text(code))
        captured_at = stored.captured_at if stored is not None else datetime.now(UTC).replace(microsecond=0)
        language = reading.values.get("preferences.language") or "EN"
        request = reading.request(
            consents,
            consent_language=language,
            wording_version=options.wording_version,
            captured_at=captured_at,
        )
        key = stored.key if stored is not None else str(uuid.uuid4())
        return _Job(row.number, row_hash, request, key, captured_at, stored is not None, future)

    def _stop_code(self) -> str:
        return self._stop if self._stop in MESSAGES else "NOT_SENT"

    def _problems_text(self, problems: dict[str, ef.Problem]) -> str:
        parts = []
        for path, problem in problems.items():
            if problem.code in MESSAGES:
                text = self._text(problem.code)
            else:
                text = ef.problem_text(
                    problem,
                    language=self.options.language,
                    translate=lambda source: self.options.translate("EnrollValidation", source),
                )
            parts.append(f"{path}: {text}")
        return " ".join(parts)

    async def _store(self, jobs: list[_Job], state: ImportState) -> None:
        """Keep new rows' keys in the state, put the rows in the outbox and claim them for sending, a
        batch under one commit each; rows waiting for a duplicate check are stored after it."""
        ready = [job for job in jobs if job.known or self.duplicates is None]
        if not ready or self._stop is not None:
            return
        new = [job for job in ready if not job.known]
        if new:
            state.start((job.row_hash, job.key, job.captured_at, job.row) for job in new)
        await asyncio.gather(*(self._add(job, claim=True) for job in ready))
        claimed = set(await self.outbox.claim(job.key for job in ready))  # the known rows' items
        for job in ready:
            job.claimed = job.key in claimed

    async def _add(self, job: _Job, *, claim: bool = False) -> None:
        await self.outbox.add(
            job.request, environment=self.environment, key=job.key, source=self.source, claim=claim
        )
        self.outbox.hold(job.key)  # the import sends it now; the window's sender leaves it alone
        job.stored = True

    async def _execute(self, job: _Job, state: ImportState) -> RowResult:
        """Send one row through the outbox (its key stored first) and keep its outcome."""
        if self._stop is not None:
            if job.claimed:
                await self.outbox.unclaim(job.key)
            if job.stored and not job.known:  # stored ahead, never sent: nothing of it is left
                await self.outbox.forget(job.key)
                state.forget(job.row_hash)
            return RowResult(
                job.row, Status.PENDING, message=self._text("UNKNOWN" if job.known else self._stop_code())
            )
        if not job.stored:
            if not job.known:
                if self.duplicates is not None:
                    found = await self._check_duplicates(job)
                    if found is not None:
                        return found
                state.start([(job.row_hash, job.key, job.captured_at, job.row)])
            await self._add(job)  # a known key: its entry as it stands (settled, or to send again)
        item = self.outbox.get(job.key)
        if job.claimed:
            item = await self.outbox.send(job.key, self.client, claimed=True)
        elif item is not None and not item.settled:
            item = await self.outbox.send(job.key, self.client)
        assert item is not None
        outcome = outcome_of(item, self.outbox.last_error(job.key))
        self._note(outcome)
        if outcome.status is Status.PENDING:
            return RowResult(job.row, Status.PENDING, message=self._text(outcome.reason or "UNKNOWN"))
        fields = "; ".join(path for path, _message in outcome.field_errors)
        message = " ".join(f"{path}: {text}" if path else text for path, text in outcome.field_errors)
        if not message and outcome.reason and outcome.reason != "ALREADY_ENROLLED":
            message = self._text(outcome.reason)
        state.settle(job.row_hash, outcome.status, outcome.collector_number, fields, message)
        self._settled.append(job.key)
        if outcome.status is Status.ENROLLED:
            self._record_consents(job.request, outcome)
        if not message and outcome.status is Status.ALREADY_ENROLLED:
            message = self._text("ALREADY_ENROLLED")
        return RowResult(job.row, outcome.status, outcome.collector_number, fields, message)

    async def _drop_settled(self, state: ImportState) -> None:
        """Write the outcomes kept so far, then drop their rows' entries from the outbox."""
        keys, self._settled = self._settled, []
        state.commit()
        await self.outbox.forget_all(keys)

    def _note(self, outcome: SendOutcome) -> None:
        """Stop starting rows when the sign-in cannot enroll, or the service stays out of reach."""
        if outcome.stop:
            self._stop = self._stop or outcome.reason
        self._offline_streak = self._offline_streak + 1 if outcome.offline else 0
        if self._offline_streak >= OFFLINE_AFTER:
            self._stop = self._stop or "OFFLINE"

    async def _check_duplicates(self, job: _Job) -> RowResult | None:
        assert self.duplicates is not None
        try:
            matches = await self.duplicates.matches(job.request)
        except CollectorError as error:
            log.info("duplicate check failed: %s", type(error).__name__)
            return RowResult(job.row, Status.PENDING, message=self._text("CHECK_FAILED"))
        same_email = [m for m in matches if m.reason == "email" and m.active]
        if same_email:
            number = same_email[0].collector_number
            return RowResult(job.row, Status.ALREADY_ENROLLED, number, message=self._text("ALREADY_ENROLLED"))
        if matches:
            described = ", ".join(
                f"{m.collector_number} {self.options.translate('ImportMessages', MATCH_REASONS[m.reason])}"
                for m in matches
            )
            return RowResult(job.row, Status.REJECTED, message=self._text("POSSIBLE_DUPLICATE", described))
        return None

    def _record_consents(self, request: EnrollmentRequest, outcome: SendOutcome) -> None:
        if self.consents is None or outcome.collector_number is None:
            return
        for consent in request.consents:
            try:
                self.consents.record_consent(
                    consent_type=consent.type,
                    granted=consent.granted,
                    wording_version=consent.wording_version or "",
                    language=consent.language or "",
                    channel=consent.channel or "",
                    staff=self.options.staff,
                    environment=self.environment,
                    collector_number=outcome.collector_number,
                    captured_at=consent.captured_at,
                )
            except OSError as exc:
                log.error("consent evidence not saved: %s", exc.strerror)


__all__ = ["ImportFileError", "ImportOptions", "ImportSummary", "Importer", "Progress", "import_paths"]
