"""Caller verification: what counts as a match."""

from console.ui.lookup.verification import email_matches, name_matches, postal_matches


def test_name_matches_in_either_order_ignoring_case_and_accents() -> None:
    assert name_matches("elise tremblay", "Élise", "Tremblay")
    assert name_matches("Tremblay, Élise", "Élise", "Tremblay")
    assert not name_matches("Tremblay", "Élise", "Tremblay")
    assert not name_matches("Elise Tremblé", "Élise", "Tremblay")
    assert name_matches("Doe", None, "Doe")


def test_postal_and_email() -> None:
    assert postal_matches("m5v2t6", "M5V 2T6")
    assert not postal_matches("M5V 2T7", "M5V 2T6")
    assert not postal_matches("", None)
    assert email_matches(" Jane.Doe@example.com", "jane.doe@example.com")
