"""A contract check's report as a text table (stdout) and as JUnit XML (for CI dashboards)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from console.services.check import CheckReport, Outcome

_SHOWN = {
    Outcome.PASSED: "PASS",
    Outcome.FAILED: "FAIL",
    Outcome.SKIPPED: "SKIP",
    Outcome.ERROR: "ERROR",
    Outcome.RUNNING: "...",
}


def table(report: CheckReport) -> str:
    """One row per check (check, result, time, correlation id); failures and drifts indented below."""
    rows = [("check", "result", "time", "correlation id")]
    notes: dict[int, list[str]] = {}
    for index, result in enumerate(report.results, start=1):
        rows.append((result.name, _SHOWN[result.outcome], f"{result.duration_ms:.0f} ms",
                     result.correlation_id or "-"))
        lines = result.problems if result.outcome is not Outcome.SKIPPED else [result.detail]
        if lines and lines != [""]:
            notes[index] = lines
    widths = [max(len(row[column]) for row in rows) for column in range(4)]
    out = [f"Contract check of {report.label} ({report.environment})"]
    for index, row in enumerate(rows):
        out.append("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
        if index == 0:
            out.append("  ".join("-" * width for width in widths))
        out += [f"    {line}" for line in notes.get(index, [])]
    counts = {outcome: sum(r.outcome is outcome for r in report.results) for outcome in Outcome}
    out.append(f"{counts[Outcome.PASSED]} passed, {counts[Outcome.FAILED]} failed, "
               f"{counts[Outcome.SKIPPED]} skipped, {counts[Outcome.ERROR]} in error")
    return "\n".join(out) + "\n"


def junit(report: CheckReport) -> str:
    """The report as a JUnit XML document: one test case per check."""
    results = report.results
    suite = ET.Element("testsuite", {
        "name": f"collector-console check {report.environment}",
        "tests": str(len(results)),
        "failures": str(sum(r.outcome is Outcome.FAILED for r in results)),
        "errors": str(sum(r.outcome is Outcome.ERROR for r in results)),
        "skipped": str(sum(r.outcome is Outcome.SKIPPED for r in results)),
        "time": f"{sum(r.duration_ms for r in results) / 1000:.3f}",
        "timestamp": report.started_at.isoformat(timespec="seconds"),
    })
    for result in results:
        case = ET.SubElement(suite, "testcase", {
            "classname": f"check.{report.environment}",
            "name": result.name,
            "time": f"{result.duration_ms / 1000:.3f}",
        })
        text = "\n".join(result.problems)
        if result.outcome is Outcome.FAILED:
            ET.SubElement(case, "failure", {"message": result.detail}).text = text
        elif result.outcome is Outcome.ERROR:
            ET.SubElement(case, "error", {"message": result.detail}).text = text
        elif result.outcome is Outcome.SKIPPED:
            ET.SubElement(case, "skipped", {"message": result.detail})
        if result.correlation_id:
            ET.SubElement(case, "system-out").text = f"correlation id {result.correlation_id}"
    ET.indent(suite)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suite, encoding="unicode") + "\n"
