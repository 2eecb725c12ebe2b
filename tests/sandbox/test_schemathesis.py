"""Hold the sandbox's answers to the contract (openapi.yaml) with schemathesis (a bounded run)."""

from pathlib import Path

import hypothesis
import pytest
import schemathesis
from schemathesis import GenerationMode

from tests.support.sandbox import machine_token

SPEC = Path(__file__).resolve().parents[2] / "console" / "resources" / "openapi.yaml"
CHECKS = [
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "response_schema_conformance",
]

contract = schemathesis.openapi.from_path(SPEC)
contract.config.generation.update(
    modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE], max_examples=40, database="none"
)
contract.config.phases.update(phases=["examples", "coverage", "fuzzing"])
contract.config.checks.update(included_check_names=CHECKS)


@pytest.fixture
def partner_token(sandbox_url: str) -> str:
    return machine_token(sandbox_url)


@contract.parametrize()
@hypothesis.seed(20261204)  # a fixed seed: the same cases every run, so a failure can be replayed
@hypothesis.settings(max_examples=40, deadline=None, suppress_health_check=list(hypothesis.HealthCheck))
def test_sandbox_answers_within_the_contract(
    case: schemathesis.Case, sandbox_url: str, partner_token: str
) -> None:
    case.call_and_validate(
        base_url=sandbox_url, headers={"Authorization": f"Bearer {partner_token}"}, timeout=5
    )
