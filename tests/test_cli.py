import json

import pytest
from click.testing import CliRunner

from tidings.cli import app


def _commands():
    return sorted(app.commands)


@pytest.mark.parametrize("name", _commands())
def test_every_command_has_help_with_an_example(name):
    result = CliRunner().invoke(app, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output


def test_bad_date_filter_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(app, ["--store", str(tmp_path / "x.db"), "events",
                                      "--since", "yesterday"])
    assert result.exit_code == 2 and "--since" in result.output


def test_ingest_export_and_reingest_through_the_cli(tmp_path, shared):
    db = str(tmp_path / "cli.db")
    runner = CliRunner()
    first = runner.invoke(app, ["--store", db, "ingest", str(shared / "seeds")])
    assert first.exit_code == 0, first.output
    out = runner.invoke(app, ["--store", db, "export", "events"])
    rows = [json.loads(line) for line in out.output.splitlines() if line.strip()]
    assert rows and all({"type", "actors", "date", "mentions"} <= set(r) for r in rows)
    counts = runner.invoke(app, ["--store", db, "export", "articles"]).output
    again = runner.invoke(app, ["--store", db, "ingest", str(shared / "seeds")])
    assert "5 unchanged" in again.output
    assert runner.invoke(app, ["--store", db, "export", "articles"]).output == counts


def test_partial_failure_exit_status(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ok.txt").write_text("Title here\n\nLavrov met Mirzoyan in Moscow on Tuesday.")
    (folder / "bad.pdf").write_bytes(b"%PDF-1.5")
    result = CliRunner().invoke(app, ["--store", str(tmp_path / "x.db"), "ingest", str(folder)])
    assert result.exit_code == 3
    assert "bad.pdf" in result.output


def test_csv_export_has_a_header(tmp_path, shared):
    db = str(tmp_path / "cli.db")
    runner = CliRunner()
    runner.invoke(app, ["--store", db, "ingest", str(shared / "seeds")])
    out = runner.invoke(app, ["--store", db, "export", "articles", "--format", "csv"]).output
    assert out.splitlines()[0].startswith("id,title,text")
