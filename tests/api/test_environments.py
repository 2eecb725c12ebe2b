"""Environments: bundled defaults, user overrides, and the http:// rule."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from console.api.environments import Environment, EnvironmentConfigError, load_environments


def write(path: Path, environments: dict) -> Path:
    path.write_text(json.dumps({"environments": environments}), encoding="utf-8")
    return path


def test_bundled_environments_match_the_contract() -> None:
    envs = load_environments()

    assert list(envs) == ["sandbox", "certification", "production"]
    sandbox, cert, prod = envs.values()
    assert sandbox.embedded and sandbox.kind == "sandbox" and not sandbox.ready
    assert sandbox.capabilities == {"search"}
    assert sandbox.demo_partner == ("sandbox-partner", "sandbox-partner-secret")
    assert (cert.api_base, cert.auth_base) == (
        "https://cert.airmilesapis.ca",
        "https://oauth-cert.airmiles.ca",
    )
    assert (prod.api_base, prod.auth_base) == ("https://airmilesapis.ca", "https://oauth.airmiles.ca")
    assert prod.is_production and not cert.is_production and not sandbox.is_production
    assert "search" not in cert.capabilities and "search" not in prod.capabilities
    assert {env.audience for env in envs.values()} == {"loyalty-api"}
    assert cert.connections == {"email": "member-email-idp-recaptcha", "pin": "member-pin-idp-recaptcha"}
    assert prod.api_url("enroll") == "https://airmilesapis.ca/collectors/"
    assert prod.auth_url("token") == "https://oauth.airmiles.ca/oauth/token"


def test_with_base_fills_both_origins_of_the_embedded_sandbox() -> None:
    sandbox = load_environments()["sandbox"].with_base("http://127.0.0.1:8123/")

    assert sandbox.ready
    assert sandbox.api_url("summary") == "http://127.0.0.1:8123/collectors/summary"
    assert sandbox.auth_url("authorize") == "http://127.0.0.1:8123/authorize"


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:9000", "http://localhost:9000", "http://[::1]:9000", "https://api.example.com"]
)
def test_https_anywhere_and_http_on_loopback_are_accepted(url: str) -> None:
    assert load_environments()["sandbox"].with_base(url).api_base == url


@pytest.mark.parametrize(
    "url",
    ["http://api.example.com", "http://10.0.0.5:8080", "ftp://127.0.0.1", "https://x.ca/?a=1", "nonsense"],
)
def test_plain_http_to_a_remote_host_and_other_schemes_are_refused(url: str) -> None:
    with pytest.raises(ValueError, match="http"):
        load_environments()["sandbox"].with_base(url)


def test_user_file_updates_known_environments_and_adds_custom_ones(tmp_path: Path) -> None:
    user = write(
        tmp_path / "environments.json",
        {
            "certification": {"partner_client_id": "acme-cert", "paths": {"summary": "/v2/summary"}},
            "staging": {"api_base": "https://staging.acme.ca", "auth_base": "https://auth.acme.ca"},
        },
    )
    envs = load_environments(user)

    cert = envs["certification"]
    assert cert.partner_client_id == "acme-cert"
    assert cert.paths["summary"] == "/v2/summary"
    assert cert.paths["profile"] == "/collectors/profile"  # the rest of the paths kept
    staging = envs["staging"]
    assert (staging.kind, staging.label, staging.audience) == ("custom", "staging", "loyalty-api")
    assert staging.paths == envs["production"].paths
    assert not staging.is_production


def test_a_missing_user_file_is_no_error(tmp_path: Path) -> None:
    assert list(load_environments(tmp_path / "absent.json")) == ["sandbox", "certification", "production"]


@pytest.mark.parametrize(
    ("environments", "problem"),
    [
        ({"lab": {"api_base": "http://lab.acme.ca", "auth_base": "https://auth.acme.ca"}}, "loopback"),
        ({"lab": {"api_base": "https://lab.acme.ca"}}, "auth_base"),
        ({"production": {"kind": "custom"}}, "kind"),
        (
            {"lab": {"api_base": "https://a.ca", "auth_base": "https://b.ca", "paths": {"token": "oauth"}}},
            "/",
        ),
        (
            {"lab": {"api_base": "https://a.ca", "auth_base": "https://b.ca", "demo_partner": ["a", "b"]}},
            "demo",
        ),
        ({"lab": "https://a.ca"}, "not an object"),
    ],
)
def test_unusable_user_environments_are_refused_with_the_file_named(
    tmp_path: Path, environments: dict, problem: str
) -> None:
    user = write(tmp_path / "environments.json", environments)
    with pytest.raises(EnvironmentConfigError, match=problem) as caught:
        load_environments(user)
    assert str(user) in str(caught.value)


def test_a_broken_user_file_is_refused(tmp_path: Path) -> None:
    user = tmp_path / "environments.json"
    user.write_text("{not json", encoding="utf-8")
    with pytest.raises(EnvironmentConfigError, match=r"environments\.json"):
        load_environments(user)


def test_environments_are_frozen() -> None:
    env = load_environments()["production"]
    with pytest.raises(ValueError, match="frozen"):
        env.api_base = "https://evil.example"  # type: ignore[misc]
    assert isinstance(env, Environment)
