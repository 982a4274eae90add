"""No internal errors from the CLI, whatever the input, locale or console (issue 18).

Each hostile input gets one Dutch line on stderr and a documented exit code: 0 ok, 1 content
problems, 2 bad input, 4 output could not be written. Never "interne fout" (3), never a traceback.
"""

from __future__ import annotations

import os
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import run_cli
from routekaart_app import cli

DOCUMENTED = {0, 1, 2, 4}


def assert_clean(result, codes=DOCUMENTED) -> None:
    assert result.returncode in codes, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr and "interne fout" not in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) <= 1, result.stderr


@pytest.mark.parametrize("env", [{"LC_ALL": "C"}, {"LC_ALL": "POSIX"}, {"PYTHONIOENCODING": "ascii"}])
def test_output_never_crashes_on_the_encoding(env):
    for args in (("search", "geweld"), ("inventory",), ("cases",)):
        result = run_cli(*args, env=env)
        assert_clean(result, {0})
        assert result.stdout.strip(), args
    # Characters the console cannot show come out escaped, readable, not as a crash.
    result = run_cli("advise", "--facts", "-", "--format", "text", input='{"suspicion": false}', env=env)
    assert_clean(result, {0})
    assert "Sluit af" in result.stdout


def test_an_explicit_console_encoding_is_kept_and_escapes_what_it_cannot_show():
    import subprocess

    result = subprocess.run(
        [sys.executable, "-m", "routekaart_app", "search", "–"], capture_output=True, timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "cp1252"},
    )
    assert result.returncode in (0,), result.stderr
    result.stdout.decode("cp1252")  # valid cp1252: what it cannot encode is escaped, not a crash
    assert b"Traceback" not in result.stderr


def test_redirected_output_is_utf8():
    result = run_cli("search", "geweld", env={"LC_ALL": "C"})
    assert result.returncode == 0
    assert "\\u" not in result.stdout  # real characters in a file or pipe, not escapes


@pytest.mark.parametrize(
    "payload, fragment",
    [
        ("[" * 20000 + "]" * 20000, "te diep genest"),
        ('{"prior_reports": ' + "9" * 5000 + "}", "te veel cijfers"),
        ("\udcff", ""),
        ('{"municipality": "Amster\\ndam"}', "Amster\\ndam"),
        ('{"suspicion": true, "bogus\\nkey": 1}', "bogus\\nkey"),
    ],
)
def test_hostile_facts_get_one_line(payload, fragment):
    result = run_cli("advise", "--facts", "-", input=payload.encode("utf-8", "surrogateescape").decode("utf-8", "replace"))
    assert_clean(result, {2})
    assert fragment in result.stderr


def test_endless_and_closed_input():
    result = run_cli("advise", "--facts", "/dev/zero", timeout=30)
    assert_clean(result, {2})
    assert "te groot" in result.stderr
    import subprocess

    closed = subprocess.run(
        [sys.executable, "-m", "routekaart_app", "advise", "--facts", "-"],
        stdin=subprocess.DEVNULL if os.name == "nt" else None, capture_output=True, text=True, timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, preexec_fn=(lambda: os.close(0)) if os.name != "nt" else None,
    )
    assert_clean(closed, {2})


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
def test_full_disk_on_output():
    import subprocess

    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "routekaart_app", "search", "geweld"], stdout=full, stderr=subprocess.PIPE,
            text=True, timeout=60, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )
    assert result.returncode == 4
    assert "schijf vol" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "args, fragment",
    [
        (("search", "x", "--limit", "99999999999999999999999"), "--limit"),
        (("search", "x", "--limit", "0"), "--limit"),
        (("--content", "~nouser_zzz", "validate"), "bestaat niet"),
        (("--content", "/no/such/folder", "validate"), "/no/such/folder"),
        (("validate", "--content", "/no/such\nfolder"), "/no/such\\nfolder"),
        (("render", "--markdown", "/no/such\nfile"), "\\n"),
        (("render", "--markdown", "/dev/zero"), "te groot"),
        (("advise", "--facts", "/"), "is een map"),
        (("zoek", "x"), "onbekende opdracht"),
    ],
)
def test_bad_arguments_one_line(args, fragment):
    result = run_cli(*args, timeout=60)
    assert_clean(result, {2})
    assert fragment in result.stderr, result.stderr


def test_option_before_the_verb_is_used(content_copy):
    """`routekaart --content MAP validate` validates MAP, not the bundled content."""
    (content_copy / "begrippen" / "femicide.md").write_text("---\nid: femicide\n---\n", encoding="utf-8")
    result = run_cli("--content", str(content_copy), "validate")
    assert result.returncode == 1 and "femicide.md" in result.stdout


# -- in-process: arbitrary arguments never end in an internal error ---------------------------

VERBS = ["validate", "search", "inventory", "advise", "render", "cases"]
TOKENS = st.one_of(
    st.sampled_from(["--format", "json", "text", "--limit", "-1", "3", "--content", "--facts", "-", "--markdown",
                     "--fragment", "--gemeente", "Delft", "/dev/null", "/", "~nobody", "\n", "ë–§", "9" * 40]),
    st.text(max_size=12),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(verb=st.sampled_from(VERBS), rest=st.lists(TOKENS, max_size=5))
def test_any_arguments_give_a_documented_exit(capsys, verb, rest):
    code = cli.run([verb, *rest])
    out = capsys.readouterr()
    assert code in DOCUMENTED, (verb, rest, out.err)
    assert "interne fout" not in out.err and "Traceback" not in out.err
    assert len(out.err.strip().splitlines()) <= 1, out.err
