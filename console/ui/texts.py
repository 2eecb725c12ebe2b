"""Sentences shared by several windows: the bundled environments' labels in the interface language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

if TYPE_CHECKING:
    from console.api.environments import Environment

ENVIRONMENT_LABELS = (
    QT_TRANSLATE_NOOP("Environments", "Sandbox"),
    QT_TRANSLATE_NOOP("Environments", "Certification"),
    QT_TRANSLATE_NOOP("Environments", "Production"),
)
"""The labels of the bundled environments (resources/environments.json), for the catalogue."""


def environment_label(label: str) -> str:
    """A bundled environment's label in the interface language; a user's own label as written."""
    return QCoreApplication.translate("Environments", label) if label in ENVIRONMENT_LABELS else label


def localized(environments: dict[str, Environment]) -> dict[str, Environment]:
    """The environments with their labels in the interface language (call after installing translators)."""
    return {name: env.model_copy(update={"label": environment_label(env.label)})
            for name, env in environments.items()}
