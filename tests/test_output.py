"""output.write_all: files appear whole, with the mode any file the user creates gets."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from promoplan.errors import PromoplanError
from promoplan.output import write_all


@pytest.fixture
def umask() -> Iterator[None]:
    old = os.umask(0o027)
    try:
        yield
    finally:
        os.umask(old)


@pytest.mark.usefixtures("umask")
def test_files_get_the_users_umask_and_no_temporary_file_is_left(tmp_path: Path) -> None:
    write_all([(tmp_path / "plan.json", b"{}\n"), (tmp_path / "plan.ics", b"BEGIN:VCALENDAR\r\n")])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.ics", "plan.json"]
    assert (tmp_path / "plan.json").read_bytes() == b"{}\n"
    assert stat.S_IMODE((tmp_path / "plan.json").stat().st_mode) == 0o640  # 0o666 & ~0o027


def test_a_temporary_name_already_taken_is_skipped(tmp_path: Path) -> None:
    stale = tmp_path / f".plan.json.{os.getpid()}-0.tmp"  # left by a run that was killed
    stale.write_bytes(b"stale")
    write_all([(tmp_path / "plan.json", b"new")])
    assert (tmp_path / "plan.json").read_bytes() == b"new"
    assert stale.read_bytes() == b"stale"
    assert sorted(p.name for p in tmp_path.iterdir()) == [stale.name, "plan.json"]


def test_a_folder_in_place_of_a_file_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    (tmp_path / "plan.json").write_bytes(b"old")
    (tmp_path / "plan.ics").mkdir()
    with pytest.raises(PromoplanError) as caught:
        write_all([(tmp_path / "plan.json", b"new"), (tmp_path / "plan.ics", b"x")])
    message = str(caught.value)
    assert (tmp_path / "plan.json").read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.ics", "plan.json"]
    assert message == f"command line: -o {tmp_path / 'plan.ics'}: is a folder (give a file name)"


def test_a_rename_that_fails_undoes_the_ones_before_it(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The third rename fails (as over a file Excel holds open on Windows): the first two are
    put back, every output is yesterday's, and nothing hidden is left."""
    names = ["a.json", "b.csv", "c.ics", "d.md"]
    for name in names[:3]:
        (tmp_path / name).write_bytes(b"old " + name.encode())
    real = os.replace

    def replace(src: str | Path, dst: str | Path) -> None:
        if str(dst).endswith("c.ics") and str(src).endswith(".tmp"):
            raise PermissionError(13, "Permission denied", str(dst))
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(PromoplanError) as caught:
        write_all([(tmp_path / name, b"new") for name in names])
    message = str(caught.value)
    assert message == f"command line: cannot write {tmp_path / 'c.ics'}: permission denied"
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == {
        name: b"old " + name.encode() for name in names[:3]}


def test_without_hard_links_the_old_file_is_moved_aside_and_back(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """FAT and some network shares have no hard links: the old file is renamed aside instead."""
    (tmp_path / "a.json").write_bytes(b"old")

    def no_links(*args: object, **kwargs: object) -> None:
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    write_all([(tmp_path / "a.json", b"new")])
    assert [(p.name, p.read_bytes()) for p in tmp_path.iterdir()] == [("a.json", b"new")]


def test_one_file_asked_for_twice(tmp_path: Path) -> None:
    """The same bytes to the same file: written once. Names that differ only in case or in
    Unicode normalisation are one file on Windows and macOS: refused, nothing written."""
    write_all([(tmp_path / "plan.json", b"{}"), (tmp_path / "plan.json", b"{}")])
    assert [p.name for p in tmp_path.iterdir()] == ["plan.json"]
    for other in ("PLAN.json", "plan.JSON"):
        with pytest.raises(PromoplanError) as caught:
            write_all([(tmp_path / "plan.json", b"new"), (tmp_path / other, b"new")])
        assert str(caught.value) == (
            f"command line: {tmp_path / 'plan.json'} and {tmp_path / other} would be one file on Windows "
            "and macOS, where names that differ only in case or accents are the same (give them names "
            "that differ in more than that)")
    composed, decomposed = "caf\u00e9.json", "cafe\u0301.json"
    with pytest.raises(PromoplanError):
        write_all([(tmp_path / composed, b"1"), (tmp_path / decomposed, b"2")])
    with pytest.raises(PromoplanError) as twice:
        write_all([(tmp_path / "x.json", b"1"), (tmp_path / "x.json", b"2")])
    assert str(twice.value) == (f"command line: {tmp_path / 'x.json'} would be written twice, with "
                                "different contents (give each output a file of its own)")
    assert [(p.name, p.read_bytes()) for p in tmp_path.iterdir()] == [("plan.json", b"{}")]


def test_folders_made_for_a_run_that_fails_are_removed(tmp_path: Path) -> None:
    long_name = "名" * 90 + ".ics"  # 274 bytes
    with pytest.raises(PromoplanError) as caught:
        write_all([(tmp_path / "out" / "cal" / "a.ics", b"a"), (tmp_path / "out" / "cal" / long_name, b"b")],
                  [tmp_path / "out" / "cal"])
    assert str(caught.value) == (f"command line: -o {tmp_path / 'out' / 'cal' / long_name}: the file name is "
                                 "274 bytes long, more than the 255 file systems allow (give a shorter name)")
    assert list(tmp_path.iterdir()) == []


def test_a_name_near_the_limit_gets_a_temporary_name_within_it(tmp_path: Path) -> None:
    name = "名" * 83 + ".json"  # 254 bytes: `.NAME.PID-0.tmp` would be 270
    write_all([(tmp_path / name, b"new")])
    assert [(p.name, p.read_bytes()) for p in tmp_path.iterdir()] == [(name, b"new")]


def test_an_old_file_that_cannot_be_set_aside_stays_where_it_is(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """No hard links, and the second file cannot be moved aside either: it is never touched,
    and the first, already replaced, is put back."""
    for name in ("a.json", "b.csv"):
        (tmp_path / name).write_bytes(b"old " + name.encode())
    real = os.replace

    def no_links(*args: object, **kwargs: object) -> None:
        raise OSError(1, "Operation not permitted")

    def replace(src: str | Path, dst: str | Path) -> None:
        if str(src).endswith("b.csv"):
            raise PermissionError(13, "Permission denied", str(src))
        real(src, dst)

    monkeypatch.setattr(os, "link", no_links)
    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(PromoplanError) as caught:
        write_all([(tmp_path / "a.json", b"new"), (tmp_path / "b.csv", b"new")])
    message = str(caught.value)
    assert message == f"command line: cannot write {tmp_path / 'b.csv'}: permission denied"
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == {"a.json": b"old a.json",
                                                                    "b.csv": b"old b.csv"}
