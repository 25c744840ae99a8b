"""The schema: pydantic models, their shorthands, every mistake of a file in one run, JSON Schema."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from promoplan.errors import PromoplanError
from promoplan.playbook.assemble import assemble
from promoplan.playbook.layers import validate_layer
from promoplan.playbook.schema import (
    AnchorSpec,
    Person,
    PlaybookFile,
    RepeatSpec,
    TaskSpec,
    json_schema,
    updated,
)
from promoplan.playbook.yaml_reader import parse_yaml

from .conftest import Cli, run_here

ROOT = Path(__file__).parent.parent
SHIPPED = ROOT / "schema" / "playbook.schema.json"
FOUR = Path(__file__).parent / "bad" / "126-four-mistakes-one-run.yaml"


def _errors(data: object) -> list[tuple[tuple[object, ...], str]]:
    with pytest.raises(ValidationError) as caught:
        PlaybookFile.model_validate(data)
    errors = [(tuple(e["loc"]), e["type"]) for e in caught.value.errors()]
    return errors


# ------------------------------------------------------------------ shorthands and strictness

def test_numbers_as_text_only_where_a_name_may_be_a_number() -> None:
    file = PlaybookFile.model_validate(
        {"title": 2024, "brand": 361, "description": 1.5, "campaign": 11})
    assert (file.title, file.brand, file.description, file.campaign) == ("2024", "361", "1.5", "11")
    # Anywhere else a number is a mistake, not text.
    assert _errors({"name": 12, "tasks": [{"due": 3}], "sections": [1]}) == [
        (("name",), "string_type"), (("sections", 0), "string_type"),
        (("tasks", 0, "due"), "string_type")]
    # Yes/no is not a title.
    assert _errors({"title": True}) == [(("title",), "string_type")]


def test_remind_no_means_no_reminder() -> None:
    file = PlaybookFile.model_validate({"tasks": [{"remind": False}, {"remind": "1h"}],
                                        "reminders": {"timed": False, "all_day": "1d@09:00"}})
    assert [t.remind for t in file.tasks] == ["none", "1h"]
    assert file.reminders is not None
    assert (file.reminders.timed, file.reminders.all_day) == ("none", "1d@09:00")
    assert _errors({"tasks": [{"remind": True}]}) == [(("tasks", 0, "remind"), "string_type")]


def test_an_anchor_with_nothing_after_it() -> None:
    file = PlaybookFile.model_validate({"anchors": {"signup": None, "open": {"label": "开团"}}})
    assert file.anchors == {"signup": AnchorSpec(), "open": AnchorSpec(label="开团")}
    assert file.anchors["signup"].model_fields_set == set()


def test_team_shorthands() -> None:
    file = PlaybookFile.model_validate({"team": {
        "运营主管": "张伟", "客服主管": ["李娜", {"name": "王芳", "email": "wf@example.com"}],
        "美工主管": {"name": "赵敏"}, "文案": None}})
    assert file.team == {
        "运营主管": [Person(name="张伟")],
        "客服主管": [Person(name="李娜"), Person(name="王芳", email="wf@example.com")],
        "美工主管": [Person(name="赵敏")], "文案": []}
    assert _errors({"team": {"运营主管": [{"name": "张伟", "mail": "x"}]}}) == [
        (("team", "运营主管", 0, "mail"), "extra_forbidden")]


@pytest.mark.parametrize(("written", "count"), [(3, 3), ("3", 3), (3.0, 3), (" 2 ", 2), (1, 1)])
def test_repeat_count_whole_numbers(written: object, count: int) -> None:
    assert RepeatSpec.model_validate({"every": "1d", "count": written}).count == count


@pytest.mark.parametrize(("written", "kind"), [
    (0, "greater_than_equal"), ("0", "greater_than_equal"), (-2, "greater_than_equal"),
    (2.5, "int_type"), (True, "int_type"), ("three", "int_type"), ([3], "int_type")])
def test_repeat_count_mistakes(written: object, kind: str) -> None:
    assert _errors({"tasks": [{"repeat": {"every": "1d", "count": written}}]}) == [
        (("tasks", 0, "repeat", "count"), kind)]


def test_unknown_keys_everywhere() -> None:
    assert _errors({"nmae": "x", "anchors": {"open": {"defualt": "x"}}, "calendar": {"county": "CN"},
                    "tasks": [{"dew": "x", "repeat": {"every": "1d", "untill": "x"}}]}) == [
        (("calendar", "county"), "extra_forbidden"),
        (("anchors", "open", "defualt"), "extra_forbidden"),
        (("tasks", 0, "repeat", "untill"), "extra_forbidden"),
        (("tasks", 0, "dew"), "extra_forbidden"),
        (("nmae",), "extra_forbidden")]


def test_values_never_change_once_read() -> None:
    task = TaskSpec(name="x")
    with pytest.raises(ValidationError):
        task.name = "y"  # type: ignore[misc]


def test_updated_lays_only_the_keys_written() -> None:
    base = TaskSpec.model_validate({"id": "a", "name": "改价格", "due": "开团前2天", "notes": "先核对"})
    other = TaskSpec.model_validate({"id": "a", "notes": None, "owner": "运营主管"})
    merged = updated(base, other)
    assert merged == TaskSpec(id="a", name="改价格", due="开团前2天", notes=None, owner="运营主管")
    assert merged.model_fields_set == {"id", "name", "due", "notes", "owner"}
    assert base.notes == "先核对"


# ------------------------------------------------------------------ every mistake in one run

def test_four_mistakes_are_reported_in_one_run_sorted_by_place() -> None:
    out = run_here("validate", FOUR.name, "--lang", "en", cwd=FOUR.parent)
    assert out.returncode == 2
    assert out.stdout == ""
    assert out.stderr == (
        "126-four-mistakes-one-run.yaml:19:5: task '改价格、改库存数量': unknown key 'note' (did you mean 'notes'?)\n"
        "126-four-mistakes-one-run.yaml:22:14: task '制作首页海报' (#1 in '美术') › section: unknown section "
        "'美术' (did you mean '美工'?)\n"
        "126-four-mistakes-one-run.yaml:30:12: task '预热文案' (#1 in '文案') › start: unknown anchor 'opne' in "
        "'opne-5d' (did you mean 'open'?)\n"
        "126-four-mistakes-one-run.yaml:35:12: task '客服话术培训' (#1 in '客服') › owner: unknown role '客服经理' "
        "(did you mean '客服主管'?)\n")


def _layer(text: str):  # type: ignore[no-untyped-def]
    return validate_layer(parse_yaml(text, "p.yaml"))


def test_a_broken_part_is_left_out_and_the_rest_kept() -> None:
    layer = _layer("name: p\nanchors: {open: {}}\ntasks:\n"
                   "  - {id: a, name: A, at: open, remind: [1h]}\n"
                   "  - just a line\n"
                   "  - {id: c, name: C, at: 3}\n"
                   "  - {id: d, name: D, at: open, dew: open}\n")
    assert [str(p) for p in layer.problems] == [
        "p.yaml:4:40: task 'A' › remind: expected text, found a list (put it in quotes)",
        "p.yaml:5:5: task #2: expected keys and values (key: value), found 'just a line'",
        "p.yaml:6:26: task 'C' › at: expected text, found 3 (a number) (put it in quotes)",
        "p.yaml:7:32: task 'D': unknown key 'dew' (did you mean 'due'?)"]
    assert [t.id for t in layer.file.tasks] == ["a", "c", "d"]
    assert layer.rows == (0, 2, 3)
    assert layer.file.tasks[0] == TaskSpec(id="a", name="A", at="open")
    assert layer.file.tasks[1] == TaskSpec(id="c", name="C")
    pb = assemble([layer])
    broken = {t.id: (t.broken, sorted(t.invalid)) for t in pb.tasks}
    # A task whose time broke the schema (or may be misspelt) is not resolved; the others are.
    assert broken == {"a": (False, ["remind"]), "c": (True, ["at"]), "d": (True, ["dew", "due"])}
    # No follow-on mistakes: the four above are all there is.
    assert [str(p) for p in pb.problems] == [str(p) for p in layer.problems]


def test_an_anchor_mistake_stops_before_resolving() -> None:
    with pytest.raises(PromoplanError) as caught:
        assemble([_layer("name: p\nanchors: {open: {defualt: x}}\nsections: [A]\n"
                         "tasks: [{name: t, section: B, at: open}]\n")])
    assert [str(e) for e in caught.value.errors] == [
        "p.yaml:2:18: anchor 'open': unknown key 'defualt' (did you mean 'default'?)",
        "p.yaml:4:28: task 't' (#1 in 'B') › section: unknown section 'B' (sections: 'A')"]


def test_a_wrong_extends_stops_at_once() -> None:
    with pytest.raises(PromoplanError) as caught:
        _layer("extends: 3\ntasks: [{id: a, dew: x}]\n")
    assert [str(e) for e in caught.value.errors] == [
        "p.yaml:1:10: extends: expected text, found 3 (a number) (put it in quotes)",
        "p.yaml:2:17: task 'a': unknown key 'dew' (did you mean 'due'?)"]


# ------------------------------------------------------------------ JSON Schema

def test_schema_command_prints_the_shipped_file(cli: Cli) -> None:
    result = cli("schema")
    assert result.exit_code == 0
    assert result.stdout == SHIPPED.read_text(encoding="utf-8")
    assert result.stdout == json_schema()


def test_schema_says_what_each_key_means() -> None:
    schema = json.loads(SHIPPED.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == "urn:promoplan:playbook"
    assert schema["title"] == "promoplan playbook or plan file"
    assert schema["additionalProperties"] is False
    task = schema["$defs"]["TaskSpec"]
    assert task["additionalProperties"] is False
    assert task["properties"]["due"]["description"] == "Offset when it must be finished (预计完成时间)."
    assert task["properties"]["roll"]["anyOf"][0] == {"enum": ["none", "backward", "forward"],
                                                     "type": "string"}
    assert schema["$defs"]["RepeatSpec"]["required"] == ["every"]
    # The shorthands people write are part of the schema, so editors do not flag them.
    assert {"type": "null"} in schema["properties"]["anchors"]["additionalProperties"]["anyOf"]
    assert {"type": "string"} in schema["properties"]["team"]["additionalProperties"]["anyOf"]
    assert {"const": False, "type": "boolean"} in task["properties"]["remind"]["anyOf"]
    assert {"type": "number"} in schema["properties"]["title"]["anyOf"]
    undocumented = [f"{name}.{key}" for name, model in [("PlaybookFile", schema), *schema["$defs"].items()]
                    for key, prop in model["properties"].items() if not prop.get("description")]
    assert undocumented == []


def test_help_and_version_do_not_import_pydantic() -> None:
    code = ("import sys\nfrom promoplan import cli\n"
            "for args in (['--help'], ['--version']):\n"
            "    try:\n        cli.app(args, prog_name='promoplan')\n"
            "    except SystemExit as done:\n        assert done.code == 0, done.code\n"
            "print('pydantic' in sys.modules, 'promoplan.playbook.schema' in sys.modules, file=sys.stderr)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "schema" in out.stdout
    assert out.stderr.strip() == "False False"
