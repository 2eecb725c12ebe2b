"""HAR 1.2 and JSON exports of the exchange log: valid against the HAR schema, redacted."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from jsonschema import Draft202012Validator

from console.api.client import CollectorClient
from console.api.environments import load_environments
from console.api.errors import ConnectionFailed
from console.api.exchange import ExchangeLog
from console.sandbox import EmbeddedSandbox
from console.services import har
from tests.support.sandbox_http import StaticBearer, machine_token

SCHEMA = json.loads((Path(__file__).parents[1] / "data" / "har-1.2.schema.json").read_text("utf-8"))
JANE = "80000000007"


async def test_the_har_is_valid_and_redacted(sandbox: EmbeddedSandbox) -> None:
    token = machine_token(sandbox.base_url)
    log = ExchangeLog()
    env = load_environments()["sandbox"].with_base(sandbox.base_url)
    async with CollectorClient(env, StaticBearer(token), exchange_log=log) as client:
        await client.get_summary(JANE)
        await client.search(last_name="Tremblay")
    offline = load_environments()["sandbox"].with_base("http://127.0.0.1:9")
    async with CollectorClient(offline, StaticBearer(token), exchange_log=log) as client:
        with contextlib.suppress(ConnectionFailed):  # the failed attempts are what the archive must hold
            await client.health()
    document = json.loads(har.dumps(har.to_har(log.recent)))
    validator = Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)
    assert [error.message for error in validator.iter_errors(document)] == []
    entries = document["log"]["entries"]
    assert entries[0]["request"]["method"] == "GET" and entries[0]["response"]["status"] == 200
    assert entries[1]["request"]["queryString"][0]["name"] == "lastName"
    assert entries[-1]["response"]["status"] == 0 and entries[-1]["_error"]
    text = json.dumps(document)
    assert token not in text and JANE not in text and "Tremblay" not in text and "Jane" not in text

    exported = har.to_json(log.recent)
    assert exported[0]["status"] == 200 and JANE not in json.dumps(exported)
    broken = {"log": {"version": "1.2", "creator": {"name": "x"}, "entries": [{"time": -1}]}}
    assert list(validator.iter_errors(broken))  # the schema can fail
