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
