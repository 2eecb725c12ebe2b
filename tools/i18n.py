"""The translation catalogues: extract the interface's messages with lupdate, compile them with lrelease.

    .venv/bin/python tools/i18n.py update

extracts every message of `console/ui/**/*.py` into `console/resources/i18n/console_fr.ts` (translations kept,
obsolete ones dropped), compiles `console_fr.qm` and lists the messages still to translate
(`type="unfinished"` in the .ts: translate them by hand or with `pyside6-linguist`), then run it again to
compile the new translations. Commit both files. Texts behind a module helper such as
`def _tr(text): return QCoreApplication.translate("Ctx", text)` are extracted too: literal calls, and
the strings of a module constant passed as `_tr(NAMES[i])`.
"""

from __future__ import annotations

import argparse
import ast
import json
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: `python tools/i18n.py`
    sys.path.insert(0, str(ROOT))

from console.ui.i18n import LANGUAGES, LOCALES, SOURCE_LANGUAGE  # noqa: E402

UI_DIR = ROOT / "console" / "ui"
I18N_DIR = ROOT / "console" / "resources" / "i18n"


def catalogue_path(language: str) -> Path:
    """The translation source (.ts) of `language`."""
    return I18N_DIR / f"console_{language.lower()}.ts"


def compiled_path(language: str) -> Path:
    """The compiled translation (.qm) of `language`, in the checkout."""
    return I18N_DIR / f"console_{language.lower()}.qm"


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    translation: str
    finished: bool


SERVICES_DIR = UI_DIR.parent / "services"


def ui_sources() -> list[Path]:
    """Every Python file of the interface, and the Qt-free modules that mark texts with QT_TRANSLATE_NOOP."""
    services = sorted(SERVICES_DIR.rglob("*.py"))
    marked = [path for path in services if "QT_TRANSLATE_NOOP(" in path.read_text("utf-8")]
    return sorted(UI_DIR.rglob("*.py")) + marked


def read_catalogue(ts_file: Path) -> dict[tuple[str, str], Message]:
    """The messages of a .ts file by (context, source); vanished and obsolete ones left out."""
    messages: dict[tuple[str, str], Message] = {}
    for context in ET.parse(ts_file).getroot().iter("context"):  # noqa: S314 - the project's own file
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            element = message.find("translation")
            kind = element.get("type", "") if element is not None else "unfinished"
            if kind in ("obsolete", "vanished"):
                continue
            source = message.findtext("source") or ""
            forms = [form.text or "" for form in element.iter("numerusform")] if element is not None else []
            text = " | ".join(forms) if forms else (element.text or "") if element is not None else ""
            done = kind != "unfinished" and (all(forms) if forms else bool(text))
            messages[(name, source)] = Message(name, source, text, done)
    return messages


def _tool(name: str) -> str:
    local = Path(sys.executable).with_name(name)
    found = str(local) if local.is_file() else shutil.which(name)
    if found is None:
        raise FileNotFoundError(f"{name} not found (it comes with PySide6)")
    return found


def _string_constants(node: ast.AST | None) -> list[str] | None:
    """The strings of a literal tuple, list or dict (its values); None for anything else."""
    if isinstance(node, ast.Dict):
        node = ast.Tuple(elts=list(node.values))
    if not isinstance(node, ast.Tuple | ast.List):
        return None
    texts = [elt.value for elt in node.elts if isinstance(elt, ast.Constant) and isinstance(elt.value, str)]
    return texts if len(texts) == len(node.elts) else None


def _helper_contexts(tree: ast.Module) -> dict[str, str]:
    """Module functions `def f(text): return QCoreApplication.translate("Ctx", text)`: {f: Ctx}."""
    helpers = {}
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef) or len(node.args.args) != 1:
            continue
        statements = [s for s in node.body
                      if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))]
        if len(statements) != 1 or not isinstance(statements[0], ast.Return):
            continue
        call = statements[0].value
        if (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                and call.func.attr == "translate" and len(call.args) == 2
                and isinstance(call.args[0], ast.Constant)
                and isinstance(call.args[1], ast.Name) and call.args[1].id == node.args.args[0].arg):
            helpers[node.name] = call.args[0].value
    return helpers


def _marked_contexts(tree: ast.Module) -> set[str]:
    """Contexts the module marks texts for with `QT_TRANSLATE_NOOP("Ctx", ...)`."""
    return {node.args[0].value for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            and node.func.id == "QT_TRANSLATE_NOOP" and node.args and isinstance(node.args[0], ast.Constant)}


def helper_messages(path: Path) -> tuple[list[tuple[str, str]], list[str]]:
    """(context, text) for each text a module's translation helper receives; and the calls it cannot read.

    A computed text is fine when the module marks texts of the helper's context with QT_TRANSLATE_NOOP
    (lupdate extracts those): `_tr(sentence)` over a table of marked sentences.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    helpers = _helper_contexts(tree)
    if not helpers:
        return [], []
    constants = {target.id: _string_constants(node.value)
                 for node in tree.body if isinstance(node, ast.Assign)
                 for target in node.targets if isinstance(target, ast.Name)}
    marked = _marked_contexts(tree)
    messages, unreadable = [], []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in helpers
                and node.args):
            continue
        context, argument = helpers[node.func.id], node.args[0]
        if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
            messages.append((context, argument.value))
            continue
        name = argument.value if isinstance(argument, ast.Subscript) else argument
        texts = constants.get(name.id) if isinstance(name, ast.Name) else None
        if texts is None and context not in marked:
            unreadable.append(f"{path}:{node.lineno}: {ast.unparse(node)}")
        elif texts is not None:
            messages.extend((context, text) for text in texts)
    return messages, unreadable


def extract(ts_file: Path, sources: list[Path] | None = None) -> list[str]:
    """Run lupdate over the interface into `ts_file` (merged into it when it exists; obsolete ones dropped).

    Returns the helper calls whose text could not be read (so they cannot be translated).
    """
    sources = sources if sources is not None else ui_sources()
    with tempfile.TemporaryDirectory() as folder:
        shim = Path(folder) / "helper_messages.py"
        lines, unreadable = [], []
        for path in sources:
            messages, problems = helper_messages(path)
            unreadable += problems
            lines += [f"QT_TRANSLATE_NOOP({json.dumps(context)}, {json.dumps(text, ensure_ascii=False)})"
                      for context, text in messages]
        shim.write_text("\n".join(lines) + "\n", encoding="utf-8")
        language = ts_file.stem.rsplit("_", 1)[-1].upper()
        command = [_tool("pyside6-lupdate"), "-silent", "-no-obsolete", "-locations", "none",
                   "-source-language", "en", "-target-language", LOCALES.get(language, language.lower()),
                   *map(str, sources), str(shim), "-ts", str(ts_file)]
        subprocess.run(command, check=True)  # noqa: S603 - fixed tool, our own file names
    return unreadable


def release(ts_file: Path, qm_file: Path) -> None:
    """Compile `ts_file` into `qm_file`; unfinished translations are left out (English shows instead)."""
    command = [_tool("pyside6-lrelease"), "-silent", "-nounfinished", str(ts_file), "-qm", str(qm_file)]
    subprocess.run(command, check=True)  # noqa: S603 - fixed tool, our own file names


def update(language: str = "FR") -> list[Message]:
    """Refresh the catalogue of `language` from the code and compile it; the messages still to translate."""
    ts_file = catalogue_path(language)
    ts_file.parent.mkdir(parents=True, exist_ok=True)
    for problem in extract(ts_file):
        print(f"warning: computed text, not extracted: {problem}", file=sys.stderr)
    release(ts_file, compiled_path(language))
    return [message for message in read_catalogue(ts_file).values() if not message.finished]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python tools/i18n.py",
                                     description="Refresh and compile the interface translations.")
    commands = parser.add_subparsers(dest="command", required=True)
    refresh = commands.add_parser("update", help="refresh console/resources/i18n/console_<lang>.ts from "
                                                 "the code and compile the .qm")
    refresh.add_argument("--language", default="FR", choices=[c for c in LANGUAGES if c != SOURCE_LANGUAGE])
    args = parser.parse_args(argv)
    todo = update(args.language)
    total = len(read_catalogue(catalogue_path(args.language)))
    print(f"{catalogue_path(args.language)}: {total} messages, {len(todo)} to translate")
    for message in todo:
        print(f"  [{message.context}] {message.source!r}")
    return 0



if __name__ == "__main__":
    sys.exit(main())
