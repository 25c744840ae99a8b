from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from promoplan.cli import app

HERE = Path(__file__).parent
PLAYBOOKS = HERE / "playbooks"


class Cli:
    """Runs promoplan in-process, as a user would type it."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str):  # type: ignore[no-untyped-def]
        return self.runner.invoke(app, list(args))


@pytest.fixture
def cli() -> Cli:
    return Cli()
