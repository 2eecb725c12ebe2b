"""Every colour and style the console uses, in one place, for a light and a dark palette.

Widgets ask for a role ("error", "success", a tier badge...) and get a style sheet fragment; no widget
writes a colour of its own. Each text colour is paired with the background it is shown on, and every
pair meets WCAG 2.1 AA contrast (4.5:1; tests/ui/test_theme.py computes each ratio). The dark theme is
used when the application palette's window colour is dark (a dark desktop or a high-contrast one); on a
platform high-contrast palette (pure black or white), black-and-white colours meeting 7:1 are used instead.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from PySide6.QtGui import QColor, QGuiApplication, QPalette


@dataclass(frozen=True)
class Colours:
    """One palette of the console's own colours (hex strings)."""

    window: str
    """The background plain texts sit on (the window's own, for the contrast pairs)."""
    text: str
    error: str
    warning: str
    success: str
    muted: str
    production_bg: str
    production_fg: str
    info_bg: str
    info_fg: str
    warning_bg: str
    warning_fg: str
    error_bg: str
    error_fg: str
    success_bg: str
    success_fg: str
    notice_border: str
    tier_blue: str
    tier_gold: str
    tier_onyx: str
    badge_fg: str
    separator: str

    def pairs(self) -> dict[str, tuple[str, str]]:
        """Every text colour with the background it is shown on: (foreground, background) by name."""
        on_window = {name: (getattr(self, name), self.window)
                     for name in ("text", "error", "warning", "success", "muted")}
        return {
            **on_window,
            "production": (self.production_fg, self.production_bg),
            "info panel": (self.info_fg, self.info_bg),
            "warning panel": (self.warning_fg, self.warning_bg),
            "error panel": (self.error_fg, self.error_bg),
            "success panel": (self.success_fg, self.success_bg),
            "tier B": (self.badge_fg, self.tier_blue),
            "tier G": (self.badge_fg, self.tier_gold),
            "tier O": (self.badge_fg, self.tier_onyx),
        }


LIGHT = Colours(
    window="#f0f0f0", text="#1b1b1b", error="#a4161a", warning="#7a4a00", success="#1b5e20", muted="#4f4f4f",
    production_bg="#a4161a", production_fg="#ffffff",
    info_bg="#e8f0fe", info_fg="#1a4d8f", warning_bg="#fff4e5", warning_fg="#6e4200",
    error_bg="#fdecea", error_fg="#9b1c1c", success_bg="#e6f4ea", success_fg="#1b5e20",
    notice_border="#c9a227",
    tier_blue="#1f5fbf", tier_gold="#7d5c00", tier_onyx="#222222", badge_fg="#ffffff",
    separator="#9e9e9e",
)
DARK = Colours(
    window="#2b2b2b", text="#f2f2f2", error="#ff8a80", warning="#ffcc80", success="#a5d6a7", muted="#c4c4c4",
    production_bg="#b71c1c", production_fg="#ffffff",
    info_bg="#17324f", info_fg="#cfe3ff", warning_bg="#4a3300", warning_fg="#ffe0a8",
    error_bg="#4d1414", error_fg="#ffd2cc", success_bg="#173d1c", success_fg="#c8ecc9",
    notice_border="#b58900",
    tier_blue="#1f5fbf", tier_gold="#7d5c00", tier_onyx="#000000", badge_fg="#ffffff",
    separator="#6e6e6e",
)
HIGH_CONTRAST_LIGHT = Colours(
    window="#ffffff", text="#000000", error="#8b0000", warning="#5c3300", success="#004d00", muted="#262626",
    production_bg="#8b0000", production_fg="#ffffff",
    info_bg="#ffffff", info_fg="#002a66", warning_bg="#ffffff", warning_fg="#4a2900",
    error_bg="#ffffff", error_fg="#8b0000", success_bg="#ffffff", success_fg="#004d00",
    notice_border="#000000",
    tier_blue="#003d99", tier_gold="#5c4300", tier_onyx="#000000", badge_fg="#ffffff",
    separator="#000000",
)
HIGH_CONTRAST_DARK = Colours(
    window="#000000", text="#ffffff", error="#ffb3b3", warning="#ffe066", success="#99ff99", muted="#e0e0e0",
    production_bg="#8b0000", production_fg="#ffffff",
    info_bg="#000000", info_fg="#cce0ff", warning_bg="#000000", warning_fg="#ffe066",
    error_bg="#000000", error_fg="#ffb3b3", success_bg="#000000", success_fg="#99ff99",
    notice_border="#ffffff",
    tier_blue="#003d99", tier_gold="#5c4300", tier_onyx="#000000", badge_fg="#ffffff",
    separator="#ffffff",
)
THEMES = {"light": LIGHT, "dark": DARK, "high contrast light": HIGH_CONTRAST_LIGHT,
          "high contrast dark": HIGH_CONTRAST_DARK}
HIGH_CONTRAST_RATIO = 7.0
"""The high-contrast colours meet WCAG AAA (7:1) against their background."""


def is_dark(palette: QPalette) -> bool:
    """True when the palette's window colour is dark (dark or high-contrast desktops)."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def high_contrast(palette: QPalette) -> bool:
    """True for a platform high-contrast palette: a pure black or white window with the opposite text.

    (Read from the palette, not the style hints: the first paint must not build Qt's namespace enums.)
    """
    window = palette.color(QPalette.ColorRole.Window).name()
    text = palette.color(QPalette.ColorRole.WindowText).name()
    return {window, text} == {"#000000", "#ffffff"}


def colours() -> Colours:
    """The colours for the running application's palette and the platform's contrast setting."""
    app = QGuiApplication.instance()
    palette = QGuiApplication.palette() if app is not None else QPalette()
    if high_contrast(palette):
        return HIGH_CONTRAST_DARK if is_dark(palette) else HIGH_CONTRAST_LIGHT
    return DARK if is_dark(palette) else LIGHT


def qcolor(role: str) -> QColor:
    """One of the theme's colours by field name (for models that paint text, e.g. table rows)."""
    if role not in {f.name for f in fields(Colours)}:
        raise KeyError(role)
    return QColor(getattr(colours(), role))


# Style sheet fragments ------------------------------------------------------------------------------

def text_style(role: str, *, bold: bool = False) -> str:
    """`color: ...;` for a text role: "text", "error", "warning", "success" or "muted"."""
    weight = " font-weight: bold;" if bold else ""
    return f"color: {getattr(colours(), role)};{weight}"


def panel_style(kind: str) -> tuple[str, str]:
    """(background, foreground) of a message panel: "info", "warning", "error" or "success"."""
    theme = colours()
    return getattr(theme, f"{kind}_bg"), getattr(theme, f"{kind}_fg")


def notice_box_style() -> str:
    """A boxed notice (a warning that stays on screen)."""
    background, foreground = panel_style("warning")
    border = colours().notice_border
    return f"background: {background}; color: {foreground}; padding: 6px; border: 1px solid {border};"


def production_band_style() -> str:
    theme = colours()
    return (f"background: {theme.production_bg}; color: {theme.production_fg}; "
            "font-weight: bold; padding: 6px;")


def tier_badge_style(tier: str) -> str:
    theme = colours()
    background = {"B": theme.tier_blue, "G": theme.tier_gold, "O": theme.tier_onyx}.get(tier, theme.tier_onyx)
    return (f"background: {background}; color: {theme.badge_fg}; font-weight: bold; "
            "padding: 4px 10px; border-radius: 4px;")


def status_item_style() -> str:
    """A status bar item: a little padding and a separator line on its right."""
    return f"padding: 0 10px 0 4px; border-right: 1px solid {colours().separator};"


# Contrast (WCAG 2.1) --------------------------------------------------------------------------------

def relative_luminance(colour: str) -> float:
    """WCAG relative luminance of a #rrggbb colour."""
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG contrast ratio of two #rrggbb colours (1 to 21)."""
    lighter, darker = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
