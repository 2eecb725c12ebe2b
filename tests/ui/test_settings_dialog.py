"""The Settings dialog shows every option with its description, checks values, saves; first-start language."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QDoubleSpinBox, QLineEdit, QMessageBox, QSpinBox
from pytestqt.qtbot import QtBot

from console.ui import i18n
from console.ui.settings import Option, Settings
from console.ui.settings_dialog import SettingsDialog
from tests.support.window import MakeWindow, started


def test_every_option_has_a_row_with_its_description(qtbot: QtBot, settings: Settings) -> None:
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    shown = [name for name, option in Settings.options() if not option.remembered]
    assert list(dialog.editors) == shown
    assert {"language", "idle_lock_minutes", "connect_timeout", "read_timeout", "verification_policy",
            "log_level", "environments_file"} <= set(shown)
    kinds = {name: type(editor) for name, editor in dialog.editors.items()}
    assert kinds["verification_policy"] is QComboBox and kinds["verification_lock_minutes"] is QSpinBox
    assert kinds["language"] is QComboBox and kinds["log_level"] is QComboBox
    assert kinds["idle_lock_minutes"] is QSpinBox and kinds["read_timeout"] is QDoubleSpinBox
    assert kinds["environments_file"] is QLineEdit
    for name, editor in dialog.editors.items():
        option = dict(Settings.options())[name]
        assert editor.accessibleName() == Settings.caption(option)
        assert editor.accessibleDescription() == Settings.describe(option)
    assert dialog.editors["language"].itemText(1) == "Français"


def test_an_option_added_later_appears_by_itself(qtbot: QtBot, settings: Settings,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    option = Option("tools/tester", False, "Show the tester tools.", label="Tester tools")
    monkeypatch.setattr(Settings, "tester_tools", option, raising=False)
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    assert isinstance(dialog.editors["tester_tools"], QCheckBox)
    dialog.editors["tester_tools"].setChecked(True)
    dialog.accept()
    assert settings.value(option) is True


def test_ok_saves_and_a_bad_value_is_named_not_saved(qtbot: QtBot, settings: Settings, tmp_path: Any) -> None:
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.editors["idle_lock_minutes"].setValue(25)
    dialog.editors["environments_file"].setText(str(tmp_path / "missing.json"))
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.messages["environments_file"].text() == f"No file at {tmp_path / 'missing.json'}."
    assert settings.idle_lock_minutes == 10, "nothing saved while a value is wrong"
    dialog.editors["environments_file"].clear()
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert settings.idle_lock_minutes == 25
    assert dialog.changed == ["security/idle_lock_minutes"]


def test_changing_the_language_offers_a_restart(qtbot: QtBot, make_window: MakeWindow, modal_answers: Any,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    window = make_window()
    started(qtbot, window)

    def choose_french(dialog: SettingsDialog) -> int:
        dialog.editors["language"].setCurrentIndex(1)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(SettingsDialog, "exec", choose_french)
    modal_answers.question = QMessageBox.StandardButton.No
    window.menus.settings_action.trigger()
    assert window.context.settings.language == "FR"
    assert modal_answers.kinds() == ["question"]
    assert not window.restart_requested
    modal_answers.question = QMessageBox.StandardButton.Yes
    window.context.settings.language = "EN"
    window.menus.settings_action.trigger()
    assert window.restart_requested


@pytest.mark.parametrize(("locale", "expected"), [("fr_CA", "FR"), ("fr_FR", "FR"), ("en_CA", "EN"),
                                                   ("de_DE", "EN"), ("C", "EN")])
def test_first_start_follows_the_system_locale(settings: Settings, locale: str, expected: str) -> None:
    assert i18n.system_language(locale) == expected
    assert i18n.startup_language(settings, locale) == expected
    assert settings.is_set(Settings.language), "kept from then on"
    assert i18n.startup_language(settings, "fr_CA" if expected == "EN" else "en_CA") == expected


def test_window_size_and_position_are_remembered(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    started(qtbot, window)
    window.resize(700, 500)
    window.close()
    assert window.context.settings.window_geometry
    again = make_window()
    assert again.restore_geometry()
    assert (again.width(), again.height()) == (700, 500)


def test_every_choice_is_shown_in_words_not_as_its_stored_value(qtbot: QtBot, settings: Settings) -> None:
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    options = dict(Settings.options())
    for name, editor in dialog.editors.items():
        option = options[name]
        if not option.choices:
            continue
        assert isinstance(editor, QComboBox)
        shown = [editor.itemText(i) for i in range(editor.count())]
        assert [editor.itemData(i) for i in range(editor.count())] == list(option.choices)
        raw = [text for text, choice in zip(shown, option.choices, strict=True)
               if text.casefold() == str(choice).casefold()]
        assert raw == [], f"{name} shows stored values: {raw}"
    policy = dialog.editors["verification_policy"]
    assert [policy.itemText(i) for i in range(2)] == [
        "Strict: full name and postal code", "Lenient: full name with postal code or date of birth"]
    policy.setCurrentIndex(1)
    dialog.accept()
    assert settings.verification_policy == "lenient"


def test_the_choices_are_french_in_french(qtbot: QtBot, qapp: Any, settings: Settings) -> None:
    translators = i18n.install_translators(qapp, "FR")
    try:
        dialog = SettingsDialog(settings)
        qtbot.addWidget(dialog)
        policy, level = dialog.editors["verification_policy"], dialog.editors["log_level"]
        assert policy.itemText(0).startswith("Stricte")
        assert level.itemText(3) == "Erreurs seulement"
        assert dialog.windowTitle() == "Paramètres"
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        i18n.install_translators(qapp, "EN")
