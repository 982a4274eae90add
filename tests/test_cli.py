"""The CLI as a real subprocess: exit codes, JSON, smoke test, bad arguments."""

from __future__ import annotations

import json

from conftest import run_cli


def test_validate_ok():
    result = run_cli("validate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok:" in result.stderr


def test_validate_names_broken_file_and_field(content_copy):
    broken = content_copy / "begrippen" / "femicide.md"
    broken.write_text(broken.read_text(encoding="utf-8").replace("title: Femicide\n", ""), encoding="utf-8")
    result = run_cli("validate", "--content", str(content_copy))
    assert result.returncode == 1
    assert "begrippen/femicide.md:" in result.stdout
    assert ": title: " in result.stdout
    assert "Traceback" not in result.stderr


def test_validate_env_override(content_copy):
    (content_copy / "begrippen" / "kapot.md").write_text("geen front matter", encoding="utf-8")
    result = run_cli("validate", env={"ROUTEKAART_CONTENT": str(content_copy)})
    assert result.returncode == 1 and "begrippen/kapot.md" in result.stdout


def test_search_json():
    result = run_cli("search", "femicide", "--format", "json")
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    assert hits[0]["id"] == "femicide"
    assert set(hits[0]) >= {"id", "title", "kind", "score"}
    assert all(isinstance(h["score"], float) for h in hits)
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)


def test_smoke_test():
    result = run_cli("--smoke-test", env={"QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("smoke-test ok: opstarttijd ")


def test_smoke_test_with_broken_override(content_copy):
    (content_copy / "content.yaml").write_text("title: [", encoding="utf-8")
    result = run_cli("--smoke-test", "--content", str(content_copy), env={"QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    assert "overgeslagen" in result.stdout


def test_bad_arguments_exit_2_one_line():
    for args in (
        ["bogus"], ["search"], ["validate", "--nope"], ["search", "x", "--format", "xml"], ["search", "x", "--limit", "0"],
        ["validate", "--content", "/does/not/exist"],
    ):
        result = run_cli(*args)
        assert result.returncode == 2, (args, result.returncode, result.stderr)
        assert "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, (args, result.stderr)
        assert result.stderr.startswith("routekaart: ")


def test_help_and_version():
    assert run_cli("--help").returncode == 0
    result = run_cli("--version")
    assert result.returncode == 0 and result.stdout.startswith("routekaart ")


def test_bench_verb_is_there_and_refuses_bad_arguments_in_one_line():
    assert "bench" in run_cli("--help").stdout
    result = run_cli("bench", "--runs", "0")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.strip().splitlines() == ["routekaart bench: --runs moet 1 of meer zijn"]
    result = run_cli("bench", "--format", "xml")
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
