"""The dialogs the window's Tools, Edit and Help menus open, each imported when first asked for."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QDialog, QMessageBox

from console.ui.settings import Settings
from console.ui.texts import environment_label

if TYPE_CHECKING:
    from console.ui.check_dialog import CheckDialog
    from console.ui.environment_editor import EnvironmentEditor
    from console.ui.import_dialog import ImportDialog
    from console.ui.main_window import MainWindow
    from console.ui.token_view import TokenView


class ToolDialogs(QObject):
    """Opens the window's dialogs and keeps the last one of each kind (`check_dialog`, `token_view`, ...)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.check_dialog: CheckDialog | None = None
        self.token_view: TokenView | None = None
        self.environment_editor: EnvironmentEditor | None = None
        self.import_dialog: ImportDialog | None = None

    def open_check(self) -> None:
        """Tools → Check this environment: the contract check with its live list."""
        from console.ui.check_dialog import CheckDialog

        dialog = CheckDialog(self.window.context, self.window)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.check_dialog = dialog

    def open_token_view(self) -> None:
        """Tools → Token…: the current access token's header and claims, renew, sign out and revoke."""
        from console.ui.token_view import TokenView

        dialog = TokenView(self.window.context, self.window)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.token_view = dialog

    def open_environment_editor(self) -> None:
        """Tools → Environments…: the user's environments file, edited in a form."""
        from console.api.environments import EnvironmentConfigError
        from console.ui.environment_editor import EnvironmentEditor

        try:
            dialog = EnvironmentEditor(self.window.context, self.window)
        except EnvironmentConfigError:
            self.window.show_notice(self.tr("The environments file named in the settings cannot be read."))
            return
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.sig_saved.connect(self.reload_environments)
        dialog.open()
        self.environment_editor = dialog

    def reload_environments(self) -> None:
        """Offer the environments again after the user's file changed (sessions already open stay)."""
        from console.services.sessions import load_all

        sessions = self.window.sessions
        if sessions is None:
            return
        loaded = load_all(self.window.context.settings.environments_file)
        for name, env in loaded.environments.items():
            if name not in sessions.environments or sessions.existing(name) is None:
                sessions.environments[name] = env
        for name in [name for name in sessions.environments if name not in loaded.environments]:
            if sessions.existing(name) is None:
                del sessions.environments[name]
        self.window.menus.environment_button.set_environments(
            (name, environment_label(env.label)) for name, env in sessions.environments.items())

    def open_import(self) -> ImportDialog:
        """Tools → Import enrollments…: one dialog, kept while the window lives (an import may be running)."""
        from console.ui.import_dialog import ImportDialog

        if self.import_dialog is None:
            self.import_dialog = ImportDialog(self.window.context, self.window)
        self.import_dialog.show()
        self.import_dialog.raise_()
        self.import_dialog.activateWindow()
        return self.import_dialog

    def open_settings(self) -> None:
        """Edit → Settings…; a new language offers to restart."""
        from console.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.window.context.settings, self.window)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        if accepted and Settings.language.key in dialog.changed:
            self._offer_restart()

    def _offer_restart(self) -> None:
        """The language applies at the next start: offer to restart now."""
        answer = QMessageBox.question(
            self.window, self.tr("Language changed"),
            self.tr("The new language applies when Collector Console starts again. Restart now?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
        if answer == QMessageBox.StandardButton.Yes:
            self.window.restart_requested = True
            QTimer.singleShot(0, self.window.close)

    def show_shortcuts(self) -> None:
        """Help → Keyboard shortcuts: every menu action with its shortcut."""
        from console.ui.shortcut_sheet import ShortcutSheet

        sheet = ShortcutSheet(self.window, self.window)
        sheet.exec()
        sheet.deleteLater()

    def show_about(self) -> None:
        from console import __version__

        text = self.tr("Collector Console %1\nFor AIR MILES partner staff.").replace("%1", __version__)
        QMessageBox.about(self.window, self.tr("About Collector Console"), text)
