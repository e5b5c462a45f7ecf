"""eventwire.knowledge: the one loader of the data files, and the declaration it checks them by."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

from eventwire import knowledge
from eventwire.errors import DataFileError

DATA = Path(knowledge.__file__).parent / "data"
_ALL = sorted(str(p.relative_to(DATA)).replace("\\", "/") for p in DATA.rglob("*.yaml"))
SHIPPED = [n for n in _ALL if not n.startswith("lang/")]  # English: data/ itself
LANGUAGE_FILES = [n for n in _ALL if n.startswith("lang/")]  # lang/<code>/<name>: another language's


def test_every_data_file_is_declared_and_every_declaration_has_its_file() -> None:
    assert SHIPPED
    assert set(SHIPPED) == set(knowledge.FILES)
    assert knowledge.declared() == SHIPPED


@pytest.mark.parametrize("path", LANGUAGE_FILES)
def test_every_language_file_is_a_declared_name_and_loads_cleanly(path: str) -> None:
    _, code, name = path.split("/", 2)
    assert name in knowledge.FILES
    assert knowledge.load(name, lang=code)


@pytest.mark.parametrize("name", SHIPPED)
def test_every_shipped_data_file_loads_cleanly(name: str) -> None:
    raw = knowledge.load(name)
    assert raw
    assert knowledge.check(name, raw) is raw


def test_load_gives_a_fresh_copy_of_one_parse() -> None:
    a = knowledge.load("store/words.yaml")
    a["sites"].append("nowhere")
    assert "nowhere" not in knowledge.load("store/words.yaml")["sites"]


def _copy(tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(DATA / name, target)
    return target


def test_a_broken_value_names_the_file_and_the_key(tmp_path: Path) -> None:
    path = _copy(tmp_path, "relevance.yaml")
    text = path.read_text(encoding="utf-8")
    assert "min_score: " in text
    path.write_text(text.replace("min_score: ", "min_score: x  # ", 1), encoding="utf-8")
    with pytest.raises(DataFileError) as e:
        knowledge.load("relevance.yaml", root=tmp_path)
    assert str(e.value) == "relevance.yaml: key 'thresholds.min_score': expected a number, got 'x'"
    assert "\n" not in str(e.value)


def test_an_unknown_key_is_rejected(tmp_path: Path) -> None:
    path = _copy(tmp_path, "places/demonyms.yaml")
    path.write_text(path.read_text(encoding="utf-8") + "\nspelling: [colour]\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"^places/demonyms.yaml: key 'spelling': unknown key$"):
        knowledge.load("places/demonyms.yaml", root=tmp_path)


def test_a_missing_key_is_rejected(tmp_path: Path) -> None:
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "words.yaml").write_text("sites: [market]\nstop: [the]\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"^store/words.yaml: key 'arrest': missing$"):
        knowledge.load("store/words.yaml", root=tmp_path)


def test_a_wrong_item_names_its_place(tmp_path: Path) -> None:
    (tmp_path / "time").mkdir()
    (tmp_path / "time" / "patterns.yaml").write_text("patterns:\n  - {name: a}\n  - {name: [b]}\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"time/patterns.yaml: key 'patterns\[1\].name': expected a string"):
        knowledge.load("time/patterns.yaml", root=tmp_path)


def test_a_word_that_yaml_reads_as_a_boolean_is_rejected(tmp_path: Path) -> None:
    # "[in, at, on]": YAML 1.1 reads a bare "on" as true, and the word silently drops out of the list
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "words.yaml").write_text("sites: [market, on]\nstop: [the]\narrest: [held]\n",
                                                  encoding="utf-8")
    with pytest.raises(DataFileError, match=r"^store/words.yaml: key 'sites': a bare on/off/yes/no .* in quotes$"):
        knowledge.load("store/words.yaml", root=tmp_path)


def test_a_missing_data_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match=r"^what/generic.yaml: data file not found"):
        knowledge.load("what/generic.yaml", root=tmp_path)


def test_an_undeclared_file_is_an_error() -> None:
    with pytest.raises(DataFileError, match=r"^nonsense.yaml: not a declared data file"):
        knowledge.load("nonsense.yaml")


def test_a_file_that_is_not_yaml_is_named(tmp_path: Path) -> None:
    (tmp_path / "compare.yaml").write_text("assembly: [unclosed\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"^compare.yaml: not valid YAML at line \d+"):
        knowledge.load("compare.yaml", root=tmp_path)


def test_an_empty_file_is_named() -> None:
    with pytest.raises(DataFileError, match=r"^acled_csv.yaml: expected a mapping of keys"):
        knowledge.check("acled_csv.yaml", None)


def test_the_error_is_a_value_error_and_an_eventwire_error() -> None:
    from eventwire.errors import EventwireError

    assert issubclass(DataFileError, ValueError) and issubclass(DataFileError, EventwireError)


def test_only_the_knowledge_module_parses_yaml() -> None:
    """Every data file is read through knowledge.load: no other module of the package calls yaml."""
    src = Path(knowledge.__file__).parent
    offenders = []
    for path in src.rglob("*.py"):
        if path.name == "knowledge.py" or "node_modules" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import) and any(a.name == "yaml" for a in node.names):
                offenders.append(str(path.relative_to(src)))
            if isinstance(node, ast.ImportFrom) and node.module == "yaml":
                offenders.append(str(path.relative_to(src)))
    assert offenders == []
