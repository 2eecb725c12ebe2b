"""The enrollment fields' words in the interface language: labels, choices and problems, from the catalogue.

The texts themselves are declared once, Qt-free, in `console.services.enrollment_fields` (marked there
for the catalogue); this module only looks them up.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QCoreApplication

from console.services import enrollment_fields as fields

FORM_CONTEXT = "EnrollForm"
_form = partial(QCoreApplication.translate, FORM_CONTEXT)
_validation = partial(QCoreApplication.translate, "EnrollValidation")


def label(spec: fields.FieldSpec) -> str:
    """The field's label, with its `&` mnemonic."""
    return _form(spec.label)


def hint(spec: fields.FieldSpec) -> str:
    return _form(spec.hint) if spec.hint else ""


def choice_labels(spec: fields.FieldSpec) -> list[tuple[str, str]]:
    """(label, value) of each choice the spec names, in order."""
    return [(_form(text), value) for value, text in spec.choice_labels]


def problem(problem: fields.Problem, language: str) -> str:
    """The sentence for a field problem; province names in `language`."""
    return fields.problem_text(problem, language=language, translate=_validation)
