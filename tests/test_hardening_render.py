"""Content as untrusted input: sanitized HTML, safe links, bundled images only, bounded time."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QImage, QTextDocument
from PySide6.QtWidgets import QMessageBox

from _hardening import assert_safe_html
from conftest import run_cli
from routekaart_app import cli
from routekaart_app.content import load_for_app
from routekaart_app.content.render import PageRenderer, document
from routekaart_app.content.sanitize import MAX_TABLE_DEPTH, MAX_TAG_DEPTH, markdown_to_html, too_complex
from routekaart_app.ui.main_window import MainWindow
from routekaart_app.ui.resources import resource_file

HOSTILE = [
    "<script>alert(1)</script>hallo",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)><script>1</script></svg>",
    "<math><mi xlink:href='javascript:1'>x</mi></math>",
    "<iframe src='https://x'></iframe>",
    "<style>body{background:url(file:///etc/passwd)}</style>",
    "<p style='background:url(file:///x)'>x</p>",
    "<a href='item:x' onclick='alert(1)'>x</a>",
    "<base href='https://evil/'><meta http-equiv=refresh content='0;url=https://x'><link rel=stylesheet href=https://x>",
    "<form action='https://x'><input name=q></form>",
    "<object data='x'></object><embed src='x'>",
    "<table><tr><td background='file:///x'>c</td></tr></table>",
    "<img src='res:a.png' srcset='https://x 1x' onload=x>",
    "<a href=\"https://x\" target=_blank>x</a>",
    "[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](java&#115;cript:alert(1))",
    "<a href='java&#x09;script:alert(1)'>x</a> <a href=' javascript:alert(1)'>y</a>",
    "[a](file:///etc/passwd) [b](data:text/html;base64,PHNjcmlwdD4=) [c](ftp://x) [d](//evil.com/x)",
    "[a](vbscript:x) [b](chrome://settings) [c](smb://server/share) [d](relative.html) [e](#frag)",
    "![i](https://evil/x.png) ![j](file:///etc/passwd) ![k](res:../x.png) ![l](res:/etc/passwd) ![m](data:image/png;base64,AA)",
    "<!-- <script>x</script> -->z",
    "<a href='https://x'><a href='javascript:1'>nested</a></a>",
    "<abbr title='Veilig Thuis' onmouseover=x>VT</abbr>",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_markdown_is_sanitized(text):
    out = markdown_to_html(text)
    assert_safe_html(out)
    assert "alert" not in out.replace("alert(1)</", "")  # no script text left in an attribute
    assert "onerror" not in out and "onclick" not in out and "onload" not in out and "onmouseover" not in out


def test_internal_and_web_links_stay_links():
    out = markdown_to_html("[a](item:femicide) [b](section:Begrippen) [c](home:) [d](https://example.org) [e](http://x.nl)")
    for href in ("item:femicide", "section:Begrippen", "home:", "https://example.org", "http://x.nl"):
        assert f'href="{href}"' in out
    assert "rel=" not in out and "target=" not in out


@pytest.mark.parametrize(
    "text, shown",
    [
        ("[Bel Veilig Thuis](tel:0800-2000)", "Bel Veilig Thuis (0800-2000)"),
        ("[mail ons](mailto:info%40example.nl?subject=hoi)", "mail ons (info@example.nl)"),
        ("[0800-2000](tel:0800-2000)", "0800-2000"),
        ("<info@example.nl>", "info@example.nl"),
        ("[bel](TEL:112)", "bel (112)"),
    ],
)
def test_tel_and_mailto_become_text_with_the_address(text, shown):
    out = markdown_to_html(text)
    assert "<a" not in out and "tel:" not in out.lower() and "mailto:" not in out.lower()
    doc = QTextDocument()
    doc.setHtml(out)
    assert doc.toPlainText().strip() == shown


def test_images_only_from_bundled_resources():
    out = markdown_to_html("![logo](res:routekaart.png) ![x](res:sub/dir/plaatje.png)")
    assert 'src="res:routekaart.png"' in out and 'src="res:sub/dir/plaatje.png"' in out
    for bad in ("res:../routekaart.png", "res:/etc/passwd", "res:a/../../b.png", "res:a//b.png", "https://x/y.png", "res:"):
        assert "<img" not in markdown_to_html(f"![x]({bad})"), bad


def test_resource_file_stays_inside_the_resources_folder(tmp_path):
    base = tmp_path / "resources"
    base.mkdir()
    (base / "ok.png").write_bytes(b"\x89PNG")
    (tmp_path / "geheim.png").write_bytes(b"\x89PNG")
    (base / "uit.png").symlink_to(tmp_path / "geheim.png")
    (base / "tekst.txt").write_text("x")
    assert resource_file("res:ok.png", base) == (base / "ok.png").resolve()
    for bad in ("res:uit.png", "res:../geheim.png", "res:tekst.txt", "res:nergens.png", "file:ok.png", "res:/ok.png"):
        assert resource_file(bad, base) is None, bad


def test_nesting_is_capped_and_text_kept():
    tables = markdown_to_html("<table><tr><td>" * 40 + "kern" + "</td></tr></table>" * 40)
    assert tables.count("<table>") == MAX_TABLE_DEPTH and "kern" in tables
    divs = markdown_to_html("<div>" * 500 + "kern" + "</div>" * 500)
    assert divs.count("<div>") == MAX_TAG_DEPTH and divs.count("</div>") == MAX_TAG_DEPTH and "kern" in divs
    assert_safe_html(tables)
    assert_safe_html(divs)


PATHOLOGICAL = {
    "open_brackets": "[" * 50_000,
    "nested_brackets": "[" * 20_000 + "]" * 20_000,
    "images": "![" * 20_000,
    "links": "[a](" * 20_000,
    "nested_lists": "".join("  " * i + "- a\n" for i in range(2_000)),
    "nested_quotes": "".join(">" * i + " x\n" for i in range(1_000)),
    "inline_html": "<b><i>" * 10_000 + "x" + "</i></b>" * 10_000,
    "nested_tables": "<table><tr><td>" * 60 + "x" + "</td></tr></table>" * 60,
    "long_word": "x" * 1_000_000,
    "long_text": "woord " * 300_000,
}


@pytest.mark.parametrize("name", list(PATHOLOGICAL))
def test_pathological_markdown_renders_quickly(name, qtbot):
    from PySide6.QtWidgets import QTextBrowser

    text = PATHOLOGICAL[name]
    started = time.perf_counter()
    out = markdown_to_html(text)
    rendered = time.perf_counter() - started
    assert rendered < 3, f"markdown {rendered:.1f} s"
    assert_safe_html(out)
    browser = QTextBrowser()
    qtbot.addWidget(browser)
    browser.resize(800, 600)
    browser.show()
    started = time.perf_counter()
    browser.setHtml(document("x", out))
    browser.document().adjustSize()
    laid_out = time.perf_counter() - started
    assert laid_out < 5, f"layout {laid_out:.1f} s"


def test_too_complex_leaves_real_content_alone(store):
    for item in store.all_items():
        for text in item.markdown_fields():
            assert too_complex(text) == "", item.id


# ---------------------------------------------------------------------------------------------
# the reader


def make_window(qtbot, content=None) -> MainWindow:
    window = MainWindow(load_for_app(content))
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.mark.parametrize("answer, opened", [(QMessageBox.StandardButton.No, False), (QMessageBox.StandardButton.Yes, True)])
def test_web_link_asks_first_and_shows_the_address(qtbot, monkeypatch, answer, opened):
    window = make_window(qtbot)
    asked, launched = [], []
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kw: asked.append(args) or answer)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: launched.append(url.toString()) or True)
    window.reader.anchorClicked.emit(QUrl("https://www.veiligthuis.nl/pad?x=1"))
    assert len(asked) == 1 and "https://www.veiligthuis.nl/pad?x=1" in asked[0][2]
    assert launched == (["https://www.veiligthuis.nl/pad?x=1"] if opened else [])


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "tel:112", "mailto:a@b.nl", "smb://x/y", "ftp://x", "vbscript:x",
     "bogus:x"],
)
def test_other_links_do_nothing(qtbot, monkeypatch, url):
    window = make_window(qtbot)
    window.open_item("femicide")
    asked, launched = [], []
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kw: asked.append(args) or QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda u: launched.append(u) or True)
    window.reader.anchorClicked.emit(QUrl(url))
    assert asked == [] and launched == []
    assert window.reader.current_id() == "femicide"


def test_reader_loads_no_files_and_only_bundled_images(qtbot):
    from PySide6.QtGui import QTextDocument as Doc

    window = make_window(qtbot)
    kind = Doc.ResourceType.ImageResource
    assert window.reader.loadResource(kind, QUrl("file:///etc/passwd")) is None
    assert window.reader.loadResource(Doc.ResourceType.StyleSheetResource, QUrl("file:///etc/passwd")) is None
    assert window.reader.loadResource(kind, QUrl("https://example.org/x.png")) is None
    assert window.reader.loadResource(kind, QUrl("res:../pyproject.toml")) is None
    image = window.reader.loadResource(kind, QUrl("res:routekaart.png"))
    assert isinstance(image, QImage) and not image.isNull()


def test_internal_link_navigates(qtbot):
    window = make_window(qtbot)
    window.reader.anchorClicked.emit(QUrl("item:femicide"))
    assert window.reader.current_id() == "femicide"


def test_hostile_but_valid_override_renders_in_bounded_time(qtbot, content_copy):
    """Pages inside every limit, but as nasty as allowed: the reader shows each within seconds."""
    bodies = {
        "h_brackets": "[" * 999,
        "h_tables": "<table><tr><td>" * 30 + "x" + "</td></tr></table>" * 30,
        "h_divs": "<div>\n" * 2400 + "x" + "</div>\n" * 2400,
        "h_lists": "".join("  " * (i % 32) + "- [a](item:femicide)\n" for i in range(900)),
        "h_quotes": "".join(">" * (i % 16 + 1) + " x\n" for i in range(3000)),
        "h_word": "x" * 19_000,
        "h_script": "<script>alert(1)</script><img src=x onerror=alert(1)>[x](javascript:1)",
    }
    for item_id, body in bodies.items():
        (content_copy / "begrippen" / f"{item_id}.md").write_text(
            f"---\nid: {item_id}\ntitle: {item_id}\nsources: [basismodel_meldcode]\nreviewed: 2025-01-01\n---\n{body}\n",
            encoding="utf-8",
        )
    loaded = load_for_app(content_copy)
    assert loaded.used_override, loaded.skipped[:5]
    window = make_window(qtbot, content_copy)
    for item_id in bodies:
        started = time.perf_counter()
        window.open_item(item_id)
        window.reader.document().adjustSize()
        assert window.reader.current_id() == item_id
        assert time.perf_counter() - started < 5, item_id
    assert "alert" not in window.reader.toHtml()


# ---------------------------------------------------------------------------------------------
# routekaart render


def test_render_markdown_is_the_reader_pipeline(tmp_path, capsys):
    body = "# Kop\n\nZie [femicide](item:femicide), <script>x</script> en [bel](tel:0800-2000).\n"
    source = tmp_path / "los.md"
    source.write_text("---\ntitle: Losse pagina\n---\n" + body, encoding="utf-8")
    assert cli.run(["render", "--markdown", str(source)]) == 0
    out = capsys.readouterr().out
    assert out == document("Losse pagina", markdown_to_html(body.strip())) + "\n"
    assert cli.run(["render", "--markdown", str(source), "--fragment"]) == 0
    fragment = capsys.readouterr().out
    assert fragment == markdown_to_html(body.strip()) + "\n"
    assert "<script" not in fragment and "bel (0800-2000)" in fragment and 'href="item:femicide"' in fragment


def test_render_item_is_the_reader_page(capsys, store):
    assert cli.run(["render", "--item", "femicide", "--gemeente", "Leiden"]) == 0
    assert capsys.readouterr().out == PageRenderer(store).render("femicide", "Hollands Midden") + "\n"


@pytest.mark.parametrize(
    "make",
    [
        lambda p: p / "bestaat_niet.md",
        lambda p: p,  # a folder
        lambda p: (p / "bin.md").write_bytes(bytes(range(256)) * 4) and p / "bin.md",
        lambda p: (p / "nul.md").write_bytes(b"tekst\x00meer") and p / "nul.md",
        lambda p: (p / "latin.md").write_bytes("caf\xe9".encode("latin-1")) and p / "latin.md",
        lambda p: (p / "groot.md").write_bytes(b"x" * (3 * 1024 * 1024)) and p / "groot.md",
    ],
    ids=["missing", "folder", "binary", "nul", "latin1", "too_big"],
)
def test_render_bad_file_one_line_exit_2(tmp_path, capsys, make):
    path = make(tmp_path)
    assert cli.run(["render", "--markdown", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.strip().splitlines()) == 1 and captured.err.startswith("routekaart: ")
    assert "Traceback" not in captured.err


def test_render_cli_subprocess_and_stdin(tmp_path):
    result = run_cli("render", "--markdown", "-", "--fragment", input="*hoi* [x](javascript:alert(1))")
    assert result.returncode == 0 and result.stdout.strip() == "<p><em>hoi</em> x</p>"
    for args in (
        ["render"], ["render", "--markdown", str(tmp_path / "nee.md")], ["render", "--item", "bestaat_niet"],
        ["render", "--markdown", "x", "--item", "y"],
    ):
        result = run_cli(*args)
        assert result.returncode == 2, (args, result.stderr)
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_wizard_intake_and_trainer_views_load_no_local_files(qtbot, tmp_path):
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QTextDocument

    from routekaart_app.ui.widgets import SafeTextBrowser

    secret = tmp_path / "geheim.txt"
    secret.write_text("geheim", encoding="utf-8")
    view = SafeTextBrowser()
    qtbot.addWidget(view)
    for url in (QUrl.fromLocalFile(str(secret)), QUrl("geheim.txt"), QUrl("https://example.org/x.png")):
        assert view.loadResource(QTextDocument.ResourceType.ImageResource.value, url) is None
        assert view.loadResource(QTextDocument.ResourceType.StyleSheetResource.value, url) is None
