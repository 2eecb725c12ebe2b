"""The deterministic generator of synthetic collectors."""

from collections import Counter

from console.formats import (
    collector_number_checks,
    is_valid_name,
    normalise_email,
    postal_code_matches_province,
)
from console.sandbox.seed import fixed_members, generate_members

COUNT = 2000


def test_same_seed_same_members_other_seed_other_members() -> None:
    first = [m.as_dict().copy() for m in generate_members(COUNT, 7)]
    again = [m.as_dict().copy() for m in generate_members(COUNT, 7)]
    other = [m.number for m in generate_members(COUNT, 8)]
    assert first == again
    assert [m["number"] for m in first] != other


def test_generated_members_are_valid() -> None:
    members = list(generate_members(COUNT, 1))
    fixed = {m.number for m in fixed_members()}
    numbers = [m.number for m in members]
    assert len(set(numbers)) == COUNT
    assert not fixed & set(numbers)
    assert all(collector_number_checks(n) for n in numbers)
    assert len({m.email.lower() for m in members}) == COUNT
    for m in members:
        assert normalise_email(m.email) == m.email
        assert is_valid_name(m.first_name or "") and is_valid_name(m.last_name or "")
        if m.postal_code:
            assert postal_code_matches_province(m.postal_code, m.province or "")
        for _, phone in m.phones:
            assert phone[3:8] == "55501" and int(phone[8:]) < 90
            assert phone[0] in "23456789"


def test_the_mix_looks_like_a_member_base() -> None:
    members = list(generate_members(COUNT, 1))
    statuses = Counter(m.status for m in members)
    tiers = Counter(m.tier for m in members)
    assert statuses["INACTIVE"] > 0 and statuses["ACTIVE"] > COUNT * 0.9
    assert set(tiers) == {"B", "G", "O"}
    assert any(not c.isascii() for m in members for c in (m.first_name or "") + (m.last_name or ""))
    assert Counter(m.language for m in members)["FR"] > COUNT * 0.1
    assert any(m.cash_balance > 0 for m in members) and any(m.dream_balance == 0 for m in members)


def test_fixed_collectors_match_the_contract() -> None:
    jane, elise, marc, partial = fixed_members()
    assert (jane.number, jane.tier, jane.city, jane.province) == ("80000000007", "G", "Toronto", "ON")
    assert jane.cash_balance > 0 and jane.dream_balance > 0
    assert (elise.first_name, elise.tier, elise.language) == ("Élise", "O", "FR")
    assert marc.status == "INACTIVE"
    assert (partial.tier, partial.cash_balance, partial.dream_balance, partial.first_name) == (
        "B",
        0,
        0,
        None,
    )
    assert all(collector_number_checks(m.number) for m in (jane, elise, marc, partial))
