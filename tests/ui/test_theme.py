"""Colours come from the theme only, and every text/background pair meets WCAG 2.1 AA."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from console.ui import theme

UI = Path(theme.__file__).resolve().parent
COLOUR_LITERAL = re.compile(r"#[0-9a-fA-F]{3,8}\b|\b(?:white|black|red|green|blue|gray|grey)\b\s*;|palette\(")


@pytest.mark.parametrize("name", sorted(theme.THEMES))
def test_every_pair_meets_aa_contrast(name: str) -> None:
    colours = theme.THEMES[name]
    low = {pair: round(theme.contrast_ratio(fg, bg), 2) for pair, (fg, bg) in colours.pairs().items()
           if theme.contrast_ratio(fg, bg) < 4.5}
    assert low == {}


def test_the_ratio_is_the_wcag_one() -> None:
    assert theme.contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert theme.contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_no_widget_writes_a_colour_of_its_own() -> None:
    found = []
    for path in sorted(UI.rglob("*.py")):
        if path.name == "theme.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("  #")[0]
            if COLOUR_LITERAL.search(code):
                found.append(f"{path.relative_to(UI)}:{number}: {line.strip()}")
    assert found == []


def test_a_dark_palette_gets_the_dark_colours(qapp: QApplication) -> None:
    original = QApplication.palette()
    dark = QPalette(original)
    dark.setColor(QPalette.ColorRole.Window, QColor("#202020"))
    try:
        QApplication.setPalette(dark)
        assert theme.colours() is theme.DARK
        assert theme.DARK.text in theme.text_style("text")
    finally:
        QApplication.setPalette(original)
    assert theme.colours() is theme.LIGHT


PLATFORM_BACKGROUNDS = {
    "dark": {"dark desktop": ("#353535", "#2a2a2a"), "high contrast black": ("#000000", "#000000")},
    "light": {"light desktop": ("#efefef", "#ffffff"), "high contrast white": ("#ffffff", "#ffffff")},
    "high contrast dark": {"high contrast black": ("#000000", "#000000")},
    "high contrast light": {"high contrast white": ("#ffffff", "#ffffff")},
}
"""(window, base) colours of real palettes each theme is used with: text sits on either."""


@pytest.mark.parametrize("name", sorted(theme.THEMES))
def test_text_colours_meet_aa_on_the_platform_palettes_they_are_used_with(name: str) -> None:
    colours = theme.THEMES[name]
    low = {}
    for palette, backgrounds in PLATFORM_BACKGROUNDS[name].items():
        for background in backgrounds:
            for role in ("text", "error", "warning", "success", "muted"):
                ratio = theme.contrast_ratio(getattr(colours, role), background)
                if ratio < 4.5:
                    low[f"{palette} {role} on {background}"] = round(ratio, 2)
    assert low == {}


@pytest.mark.parametrize("window", ["#1e1e1e", "#353535", "#2b2b2b"])
def test_dark_and_high_contrast_palettes_get_the_dark_colours(qapp: QApplication, window: str) -> None:
    original = QApplication.palette()
    dark = QPalette(original)
    dark.setColor(QPalette.ColorRole.Window, QColor(window))
    try:
        QApplication.setPalette(dark)
        assert theme.colours() is theme.DARK
    finally:
        QApplication.setPalette(original)


@pytest.mark.parametrize("name", ["high contrast light", "high contrast dark"])
def test_high_contrast_colours_meet_aaa(name: str) -> None:
    pairs = theme.THEMES[name].pairs()
    low = {pair: round(theme.contrast_ratio(fg, bg), 2) for pair, (fg, bg) in pairs.items()
           if theme.contrast_ratio(fg, bg) < theme.HIGH_CONTRAST_RATIO}
    assert low == {}


@pytest.mark.parametrize(("window", "expected"),
                         [("#000000", "high contrast dark"), ("#ffffff", "high contrast light")])
def test_the_platform_high_contrast_setting_gets_the_high_contrast_colours(
        qapp: QApplication, window: str, expected: str) -> None:
    original = QApplication.palette()
    palette = QPalette(original)
    palette.setColor(QPalette.ColorRole.Window, QColor(window))
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#ffffff" if window == "#000000" else "#000000"))
    try:
        QApplication.setPalette(palette)
        assert theme.colours() is theme.THEMES[expected]
        assert theme.THEMES[expected].text in theme.text_style("text")
    finally:
        QApplication.setPalette(original)
