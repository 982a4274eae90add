"""Local additions (aanvullingen): scope, safe reading, signing, where packs are found, merging.

The example packs under examples/aanvullingen/ are the base of these tests; hostile variants are
built from them in a temporary folder.
"""

from __future__ import annotations

import io
import os
import shutil
import stat
import zipfile
from pathlib import Path

import pytest

from conftest import CONTENT, ROOT
from routekaart_app.content.aanvulling import load_additions, signing
from routekaart_app.content.aanvulling.pack import check_pack, open_pack
from routekaart_app.content.aanvulling.reading import MAX_FILE_BYTES, PackError, read_pack, read_zip_bytes

EXAMPLES = ROOT / "examples" / "aanvullingen"
GEMEENTE = EXAMPLES / "voorbeeld-gemeente"
ORGANISATIE = EXAMPLES / "voorbeeld-organisatie"


@pytest.fixture(scope="module")
def base_store():
    from routekaart_app.content import load_content

    return load_content(CONTENT)


@pytest.fixture
def store(base_store):
    base_store.additions = None
    yield base_store
    base_store.additions = None


def copy_pack(tmp_path: Path, source: Path = GEMEENTE, name: str | None = None) -> Path:
    target = tmp_path / (name or source.name)
    shutil.copytree(source, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def problems_of(path: Path, store) -> list[str]:
    _, problems = check_pack(read_pack(path), path.name, store)
    return [str(p) for p in problems]


def zip_of(entries: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def example_entries() -> dict[str, bytes]:
    return {p.relative_to(GEMEENTE).as_posix(): p.read_bytes() for p in sorted(GEMEENTE.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def keys(tmp_path_factory):
    """A trusted and an unknown signing key; the trusted one's .pub in a vertrouwd/ folder."""
    home = tmp_path_factory.mktemp("keys")
    program = tmp_path_factory.mktemp("program")
    (program / "vertrouwd").mkdir()
    pub, _ = signing.generate_key(home / "gemeente.key", "Gemeente Voorbeeld")
    shutil.copy(pub, program / "vertrouwd" / pub.name)
    signing.generate_key(home / "onbekend.key", "Onbekend")
    return {
        "trusted": signing.load_private_key(home / "gemeente.key"),
        "unknown": signing.load_private_key(home / "onbekend.key"),
        "program": program,
        "home": home,
    }


def sign(folder: Path, key) -> None:
    files = read_pack(folder)
    files.pop("handtekening.json", None)
    (folder / "handtekening.json").write_bytes(signing.sign_files(files, key))


# --- the examples -----------------------------------------------------------------------------


def test_the_examples_are_valid_and_obviously_fake(store):
    for folder in (GEMEENTE, ORGANISATIE):
        assert problems_of(folder, store) == []
        text = "".join(p.read_text(encoding="utf-8") for p in folder.rglob("*") if p.is_file())
        assert "VOORBEELD" in text
        import re

        numbers = re.findall(r"\b\d{3,4}-\d{4,7}\b", text)
        assert numbers and all(n.startswith("0000-") for n in numbers), numbers  # never real-looking
        assert "example: true" in (folder / "aanvulling.yaml").read_text(encoding="utf-8")


# --- scope: only fill or add -------------------------------------------------------------------


def test_changing_veilig_thuis_0800_2000_is_refused_with_file_line_field(tmp_path, store):
    pack = copy_pack(tmp_path)
    edit(pack / "aanvulling.yaml", "    page: gemeenten/leiden.md\n",
         "    page: gemeenten/leiden.md\n    veilig_thuis:\n      name: Veilig Thuis\n      phone: 0800-1234\n")
    found = problems_of(pack, store)
    line = next(n for n, t in enumerate((pack / "aanvulling.yaml").read_text().splitlines(), 1) if "veilig_thuis" in t)
    assert found == [
        f"voorbeeld-gemeente/aanvulling.yaml:{line}: municipalities.Leiden.veilig_thuis: buiten het bereik van een "
        "aanvulling: de landelijke nummers (alarmnummer, Veilig Thuis, Centrum Seksueel Geweld, politie) staan vast in de "
        "meegeleverde content; een aanvulling mag ze niet wijzigen"
    ]
    with pytest.raises(PackError, match=r"aanvulling.yaml:\d+: municipalities.Leiden.veilig_thuis: buiten het bereik"):
        open_pack(pack, store, {})


def test_national_contacts_wizard_rules_and_definitions_are_out_of_scope(tmp_path, store):
    pack = copy_pack(tmp_path)
    with open(pack / "aanvulling.yaml", "a", encoding="utf-8") as handle:
        handle.write("contacts:\n  - {id: veilig_thuis_landelijk, phone: 0800-1111}\nrules: []\ndefinitions: []\n")
    (pack / "wizard").mkdir()
    (pack / "wizard" / "flow.yaml").write_text("rules: []\n", encoding="utf-8")
    found = "\n".join(problems_of(pack, store))
    assert "contacts: buiten het bereik van een aanvulling: de landelijke nummers" in found
    assert "rules: buiten het bereik van een aanvulling: een aanvulling mag geen vraag of regel van de wizard wijzigen" in found
    assert "definitions: buiten het bereik van een aanvulling: een aanvulling mag geen begrip of definitie wijzigen" in found
    assert "voorbeeld-gemeente/wizard/flow.yaml: -: buiten het bereik van een aanvulling: een aanvulling mag geen vraag" in found


def test_a_filled_field_is_not_changed_and_scope_is_kept(tmp_path, store):
    voorschoten = store.municipalities["voorschoten"]
    assert voorschoten.local_team.name == "Voorschoten voor Elkaar"  # filled in the bundled content
    pack = copy_pack(tmp_path)
    text = (pack / "aanvulling.yaml").read_text(encoding="utf-8").replace("[Leiden]", "[Leiden, Voorschoten]")
    text += "  Voorschoten:\n    local_team:\n      name: Ander Team\n      phone: 0000-000005\n"
    (pack / "aanvulling.yaml").write_text(text, encoding="utf-8")
    line = len(text.splitlines()) - 1
    assert problems_of(pack, store) == [
        f"voorbeeld-gemeente/aanvulling.yaml:{line}: municipalities.Voorschoten.local_team.name: wijzigt "
        "'Voorschoten voor Elkaar' uit de meegeleverde content; een aanvulling mag alleen velden invullen die "
        "'niet ingevuld' zijn"
    ]
    # The same name (any case) only fills the empty phone: allowed.
    (pack / "aanvulling.yaml").write_text(text.replace("Ander Team", "voorschoten VOOR elkaar"), encoding="utf-8")
    assert problems_of(pack, store) == []
    # A municipality outside the pack's scope.
    (pack / "aanvulling.yaml").write_text(text.replace("[Leiden, Voorschoten]", "[Leiden]"), encoding="utf-8")
    assert any("municipalities.Voorschoten: buiten het bereik van deze aanvulling" in f for f in problems_of(pack, store))


def test_duplicate_ids_and_unknown_fields(tmp_path, store):
    pack = copy_pack(tmp_path)
    text = (pack / "aanvulling.yaml").read_text(encoding="utf-8")
    (pack / "aanvulling.yaml").write_text(text + "  Leiden:\n    page: gemeenten/leiden.md\n", encoding="utf-8")
    found = problems_of(pack, store)
    assert any("Leiden: staat twee keer in hetzelfde blok (dubbel id)" in f for f in found), found
    pack2 = copy_pack(tmp_path, name="tikfout")
    edit(pack2 / "aanvulling.yaml", "opening_hours:", "openingstijden:")
    assert any("municipalities.Leiden.local_team.openingstijden: onbekend veld" in f for f in problems_of(pack2, store))
    pack3 = copy_pack(tmp_path, name="extra")
    (pack3 / "gemeenten" / "ongebruikt.md").write_text("tekst", encoding="utf-8")
    assert problems_of(pack3, store) == ["extra/gemeenten/ongebruikt.md: -: bestand wordt nergens in aanvulling.yaml genoemd (page)"]


def test_wrong_encoding_is_one_line(tmp_path, store):
    pack = copy_pack(tmp_path)
    (pack / "gemeenten" / "leiden.md").write_bytes("Café in Leiden".encode("latin-1"))
    found = problems_of(pack, store)
    assert found == ["voorbeeld-gemeente/gemeenten/leiden.md: -: geen geldige UTF-8-tekst (byte 3); sla het bestand op als UTF-8"]
    assert "\n" not in found[0]


# --- hostile zips and folders: refused before anything is used ----------------------------------


@pytest.mark.parametrize(
    "entries, message",
    [
        ({"../../evil.md": b"x", "aanvulling.yaml": b"id: x"}, "pad buiten de aanvulling"),
        ({"/etc/passwd.md": b"x"}, "absoluut pad"),
        ({"C:/Windows/x.md": b"x"}, "absoluut pad"),
        ({"a\\..\\b.md": b"x"}, "backslash"),
        ({"a/b/c/d/e/f.md": b"x"}, "te diep genest"),
        ({"x.exe": b"MZ"}, "dit soort bestand hoort niet"),
        ({"binnen.zip": b"PK"}, "dit soort bestand hoort niet"),
    ],
)
def test_hostile_zip_names_are_refused(entries, message):
    with pytest.raises(PackError, match=message) as info:
        read_zip_bytes(zip_of(entries))
    assert "\n" not in str(info.value)


def test_zip_bomb_is_refused_before_decompressing():
    bomb = zip_of({"aanvulling.yaml": b"a" * (MAX_FILE_BYTES - 10)})
    assert len(bomb) < MAX_FILE_BYTES // 50
    with pytest.raises(PackError, match="verdacht sterk ingepakt"):
        read_zip_bytes(bomb)
    with pytest.raises(PackError, match="te groot"):
        read_zip_bytes(zip_of({"aanvulling.yaml": os.urandom(MAX_FILE_BYTES + 1)}, zipfile.ZIP_STORED))


def test_zip_that_lies_about_its_size_is_refused():
    raw = bytearray(zip_of({"aanvulling.yaml": b"id: x\n" * 300}, zipfile.ZIP_STORED))
    # Shrink the declared size in the central directory: reading finds more than declared.
    central = raw.rfind(b"PK\x01\x02")
    raw[central + 24 : central + 28] = (10).to_bytes(4, "little")
    with pytest.raises(PackError):
        read_zip_bytes(bytes(raw))


def test_zip_symlink_and_duplicates_and_garbage_are_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        info = zipfile.ZipInfo("link.md")
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(info, "/etc/passwd")
    with pytest.raises(PackError, match="symbolische koppeling"):
        read_zip_bytes(buffer.getvalue())
    with pytest.raises(PackError, match="staat twee keer"):
        read_zip_bytes(zip_of({"Pagina.md": b"a", "pagina.md": b"b"}))
    with pytest.raises(PackError, match="geen geldig zip-bestand"):
        read_zip_bytes(b"PK\x03\x04 niet echt een zip")


def test_folder_with_symlink_is_refused(tmp_path):
    pack = copy_pack(tmp_path)
    (pack / "gemeenten" / "geheim.md").symlink_to("/etc/hostname")
    with pytest.raises(PackError, match="geheim.md: symbolische koppeling"):
        read_pack(pack)


def test_a_good_zip_reads_like_the_folder(tmp_path, store):
    raw = zip_of({f"voorbeeld/{k}": v for k, v in example_entries().items()})
    (tmp_path / "voorbeeld.zip").write_bytes(raw)
    assert read_pack(tmp_path / "voorbeeld.zip") == read_pack(GEMEENTE)
    assert problems_of(tmp_path / "voorbeeld.zip", store) == []


def test_hostile_pack_changes_nothing(tmp_path, store):
    program = tmp_path / "program"
    (program / "aanvullingen").mkdir(parents=True)
    (program / "aanvullingen" / "bom.zip").write_bytes(zip_of({"aanvulling.yaml": b"a" * 200_000}))
    additions = load_additions(store, program, None, confirm=lambda p: True)
    assert additions.packs == [] and len(additions.refused) == 1
    assert additions.refused[0].startswith("bom.zip: aanvulling.yaml: verdacht sterk ingepakt")
    assert store.callee("local_team", "leiden").phone == "niet ingevuld"


# --- signing -----------------------------------------------------------------------------------


def signed_pack_beside_program(tmp_path, keys):
    """A program folder with the trusted key and, in its aanvullingen/, the example pack signed."""
    packs = tmp_path / "p"
    shutil.copytree(keys["program"], packs)
    (packs / "aanvullingen").mkdir()
    pack = copy_pack(packs / "aanvullingen")
    sign(pack, keys["trusted"])
    return packs, pack


def test_signed_pack_loads_silently(tmp_path, store, keys):
    packs, pack = signed_pack_beside_program(tmp_path, keys)
    asked = []
    additions = load_additions(store, packs, None, confirm=lambda p: asked.append(p) or False)
    assert asked == [] and additions.refused == [] and [p.manifest.id for p in additions.packs] == ["voorbeeld_gemeente_leiden"]
    assert additions.packs[0].trusted
    callee = store.callee("local_team", "leiden")
    assert callee.phone == "0000-000000"
    assert callee.origin == "aanvulling van Voorbeeld-beleidsteam (VOORBEELD, verzonnen), 1-11-2026, VOORBEELD"


def test_tampered_file_is_refused_with_one_line(tmp_path, store, keys):
    packs, pack = signed_pack_beside_program(tmp_path, keys)
    edit(pack / "aanvulling.yaml", "0000-000000", "0000-000007")
    additions = load_additions(store, packs, None, confirm=lambda p: True)
    assert additions.packs == []
    assert additions.refused == [
        "voorbeeld-gemeente: geweigerd: aanvulling.yaml: komt niet overeen met de handtekening (gewijzigd na het ondertekenen)"
    ]
    assert store.callee("local_team", "leiden").phone == "niet ingevuld"
    # A file added after signing, and a forged signature list, are refused too.
    edit(pack / "aanvulling.yaml", "0000-000007", "0000-000000")
    (pack / "gemeenten" / "extra.md").write_text("x", encoding="utf-8")
    with pytest.raises(PackError, match="extra.md: is niet ondertekend"):
        open_pack(pack, store, {})
    (pack / "gemeenten" / "extra.md").unlink()
    edit(pack / "handtekening.json", '"format"', '"x": 1, "format"')
    open_pack(pack, store, {})  # an extra key outside the signed part changes nothing signed
    import json

    body = json.loads((pack / "handtekening.json").read_text())
    body["files"]["aanvulling.yaml"] = "0" * 64
    (pack / "handtekening.json").write_text(json.dumps(body))
    with pytest.raises(PackError, match="de handtekening klopt niet"):
        open_pack(pack, store, {})


def test_unknown_key_and_unsigned_ask_once_and_are_marked(tmp_path, store, keys):
    program = tmp_path / "p"
    shutil.copytree(keys["program"], program)
    (program / "aanvullingen").mkdir()
    unknown = copy_pack(program / "aanvullingen")
    sign(unknown, keys["unknown"])
    profile = tmp_path / "profiel"
    copy_pack(profile, ORGANISATIE)  # unsigned, in the user's profile
    asked: list[str] = []
    additions = load_additions(store, program, profile, confirm=lambda p: asked.append(p.label) or False)
    assert asked == ["voorbeeld-gemeente", "voorbeeld-organisatie"]
    assert additions.packs == [] and [p.label for p in additions.pending] == asked
    assert store.callee("local_team", "leiden").phone == "niet ingevuld"
    # Confirmed once: used, marked, and not asked again.
    additions = load_additions(store, program, profile, confirm=lambda p: asked.append(p.label) or True)
    assert len(asked) == 4 and len(additions.packs) == 2
    assert store.callee("local_team", "leiden").origin.endswith(", niet ondertekend, VOORBEELD")
    assert additions.organisation("voorbeeldschool").origin == (
        "aanvulling van Voorbeeldschool (VOORBEELD, verzonnen), 2-11-2026, niet ondertekend, VOORBEELD"
    )
    additions = load_additions(store, program, profile, confirm=lambda p: asked.append(p.label) or False)
    assert len(asked) == 4 and len(additions.packs) == 2 and additions.pending == []


def second_organisation(profile: Path) -> Path:
    """A second organisation's pack (made from the example) next to the example's in `profile`."""
    other = copy_pack(profile, ORGANISATIE, name="tweede-organisatie")
    edit(other / "aanvulling.yaml", "id: voorbeeld_organisatie", "id: tweede_organisatie")
    edit(other / "aanvulling.yaml", "organisation: Voorbeeldschool", "organisation: Tweede Voorbeeldschool")
    for old, new in (("C. Voorbeeld", "E. Tweede"), ("D. Voorbeeld", "F. Tweede"), ("0000-000002", "0000-000005")):
        edit(other / "aanvulling.yaml", old, new)
    return other


ORG_ORIGIN = "aanvulling van Voorbeeldschool (VOORBEELD, verzonnen), 2-11-2026, niet ondertekend, VOORBEELD"


def test_only_the_chosen_organisation_is_who_to_call_and_the_consult_steps_contact(tmp_path, store):
    """Who to call and the wizard's "overleg met de aandachtsfunctionaris" name the aandachtsfunctionaris
    of the organisation the user chose, and only that one, from the store's one query."""
    from routekaart_app.advice import report
    from routekaart_app.advice.engine import Advisor
    from routekaart_app.content.store import CALL_ROLES, OWN_ROLE

    profile = tmp_path / "profiel"
    copy_pack(profile, ORGANISATIE)
    second_organisation(profile)
    additions = load_additions(store, None, profile, confirm=lambda p: True)
    assert sorted(o.name for o in additions.organisations.values()) == ["Tweede Voorbeeldschool", "Voorbeeldschool"]
    advisor = Advisor(store)
    facts = {"municipality": "leiden", "acute_danger": False, "suspicion": True, "structural_unsafety": True, "can_help": False}

    def consult(outcome):
        return next(r for r in outcome.recommendations if r.id == "consult_colleague")

    # None chosen ("geen"): the role is left out and the step names no one, as before.
    assert [c.role for c in store.who_to_call("leiden")] == list(CALL_ROLES)
    assert store.callee(OWN_ROLE) is None
    assert consult(advisor.advise(facts)).contact is None

    assert additions.choose("  voorbeeldSCHOOL ").name == "Voorbeeldschool"
    roles = [c.role for c in store.who_to_call("leiden")]
    assert roles == ["alarmnummer", OWN_ROLE, *list(CALL_ROLES)[1:]]
    own = store.callee(OWN_ROLE)
    assert own.label == "Aandachtsfunctionaris Voorbeeldschool"
    assert (own.name, own.phone, own.origin) == ("C. Voorbeeld (VOORBEELD), aandachtsfunctionaris onderbouw", "0000-000002", ORG_ORIGIN)
    other = "D. Voorbeeld (VOORBEELD), aandachtsfunctionaris bovenbouw, tel. 0000-000003, via de administratie (VOORBEELD)"
    assert ("Of", other) in own.details
    outcome = advisor.advise(facts)
    contact = consult(outcome).contact
    assert contact["name"] == own.name and contact["phone"] == "0000-000002" and contact["origin"] == ORG_ORIGIN
    assert "Of: D. Voorbeeld (VOORBEELD)" in contact["details"]
    text = report.outcome_text(advisor, outcome)
    assert "contact: C. Voorbeeld (VOORBEELD), aandachtsfunctionaris onderbouw, tel. 0000-000002" in text
    assert f"(bron: {ORG_ORIGIN})" in text
    everything = text + repr(store.who_to_call("leiden"))
    assert "Tweede" not in everything and "0000-000005" not in everything
    # The other organisation instead; then one no pack is loaded for: none.
    additions.choose("Tweede Voorbeeldschool")
    assert store.callee(OWN_ROLE).name.startswith("E. Tweede") and "C. Voorbeeld" not in repr(store.who_to_call("leiden"))
    assert additions.choose("Onbekende school") is None and store.callee(OWN_ROLE) is None
    assert consult(advisor.advise(facts)).contact is None


def test_a_declined_pack_is_used_after_all_without_a_restart(tmp_path, store):
    from routekaart_app.content.aanvulling import CONFIRMED_FILE, accept_pending

    profile = tmp_path / "profiel"
    copy_pack(profile)
    copy_pack(profile, ORGANISATIE)
    additions = load_additions(store, None, profile, confirm=lambda p: False)
    gemeente, organisatie = additions.pending
    with pytest.raises(PackError, match="wacht niet"):
        accept_pending(store, "0" * 64)
    assert store.additions is additions and not (profile / CONFIRMED_FILE).exists()
    additions = accept_pending(store, gemeente.digest)
    assert [p.label for p in additions.packs] == ["voorbeeld-gemeente"]
    assert [p.label for p in additions.pending] == ["voorbeeld-organisatie"]  # the other one still waits
    assert store.callee("local_team", "leiden").phone == "0000-000000"
    assert store.callee("local_team", "leiden").origin.endswith(", niet ondertekend, VOORBEELD")
    assert (profile / CONFIRMED_FILE).read_text().split() == [gemeente.digest]
    # Changed on disk since it was listed: not used.
    edit(profile / ORGANISATIE.name / "organisatie" / "meldcode.md", "leerlingdossier", "leerlingdossier (gewijzigd)")
    with pytest.raises(PackError, match="veranderd of verdwenen"):
        accept_pending(store, organisatie.digest)
    assert [p.label for p in store.additions.packs] == ["voorbeeld-gemeente"]


def test_private_keys_stay_out_of_the_program_folder(tmp_path):
    program = tmp_path / "program"
    program.mkdir()
    with pytest.raises(PackError, match="privésleutel hoort nooit in de map van het programma"):
        signing.generate_key(program / "sub" / "k.key", "x", program_dir=program)
    assert not any(program.rglob("*"))
    signing.generate_key(tmp_path / "k.key", "x", program_dir=program)
    assert stat.S_IMODE((tmp_path / "k.key").stat().st_mode) == 0o600
    shutil.copy(tmp_path / "k.key", program / "k.key")
    with pytest.raises(PackError, match="privésleutel hoort nooit"):
        signing.load_private_key(program / "k.key", program_dir=program)
    with pytest.raises(PackError, match="bestaat al"):
        signing.generate_key(tmp_path / "k.key", "x")


# --- where packs are found; conflicts ----------------------------------------------------------


def test_program_pack_wins_and_the_conflict_is_listed(tmp_path, store):
    program = tmp_path / "program"
    (program / "aanvullingen").mkdir(parents=True)
    copy_pack(program / "aanvullingen")
    profile = tmp_path / "profiel"
    mine = copy_pack(profile, name="eigen-versie")
    edit(mine / "aanvulling.yaml", "id: voorbeeld_gemeente_leiden", "id: eigen_versie")
    edit(mine / "aanvulling.yaml", "phone: 0000-000000", "phone: 0000-000004")
    additions = load_additions(store, program, profile, confirm=lambda p: True)
    assert len(additions.packs) == 2
    assert store.callee("local_team", "leiden").phone == "0000-000000"
    assert additions.conflicts == [
        "Leiden, lokaal team, telefoon: '0000-000000' uit voorbeeld-gemeente (naast het programma) gaat voor "
        "'0000-000004' uit eigen-versie (eigen profiel)"
    ]
    assert any(line.startswith("Conflict: Leiden, lokaal team, telefoon") for line in additions.summary())


def test_no_packs_means_nothing_is_imported(tmp_path):
    """Without packs, start-up only lists two folders: no pydantic, YAML or PyNaCl."""
    import subprocess
    import sys

    code = (
        "import sys; from pathlib import Path\n"
        "from routekaart_app.content.aanvulling import load_additions\n"
        f"print(load_additions(object(), Path({str(tmp_path)!r}), Path({str(tmp_path / 'x')!r})))\n"
        "print(sorted(m for m in ('pydantic', 'yaml', 'nacl') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.split("\n")[:2] == ["None", "[]"], out.stderr


# --- the CLI for pack makers (subprocess) ------------------------------------------------------


def test_cli_keygen_new_validate_sign_verify_inspect(tmp_path):
    from conftest import run_cli

    def ok(*args):
        result = run_cli("aanvulling", *args)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "Traceback" not in result.stderr
        return result.stdout

    out = ok("keygen", str(tmp_path / "gemeente.key"), "--naam", "Gemeente Leiden")
    assert "vingerafdruk" in out and (tmp_path / "gemeente.pub").is_file()
    ok("new", str(tmp_path / "pack"), "--gemeente", "leiden")
    # The template validates only once the maker has filled in the placeholders.
    result = run_cli("aanvulling", "validate", str(tmp_path / "pack"))
    assert result.returncode == 1 and "pack/aanvulling.yaml:" in result.stdout and "VUL IN" in result.stdout
    for path in (tmp_path / "pack").rglob("*"):
        if path.is_file():
            path.write_text(path.read_text(encoding="utf-8").replace("VUL IN", "Ingevuld"), encoding="utf-8")
    assert ok("validate", str(tmp_path / "pack")).strip() == "ok: pack (niet ondertekend)"
    assert "ondertekend:" in ok("sign", str(tmp_path / "pack"), "--sleutel", str(tmp_path / "gemeente.key"))
    trusted = tmp_path / "vertrouwd"
    trusted.mkdir()
    shutil.copy(tmp_path / "gemeente.pub", trusted)
    assert "ondertekend met vertrouwde sleutel gemeente" in ok("verify", str(tmp_path / "pack"), "--vertrouwd", str(trusted))
    (tmp_path / "leeg").mkdir()
    assert "staat niet in" in ok("verify", str(tmp_path / "pack"), "--vertrouwd", str(tmp_path / "leeg"))
    assert "Leiden: local_team: name=Ingevuld" in ok("inspect", str(tmp_path / "pack"))
    # Tampered after signing: one line, exit 1.
    with open(tmp_path / "pack" / "aanvulling.yaml", "a", encoding="utf-8") as handle:
        handle.write("# later\n")
    result = run_cli("aanvulling", "verify", str(tmp_path / "pack"), "--vertrouwd", str(trusted))
    assert result.returncode == 1
    assert result.stdout == "pack: geweigerd: aanvulling.yaml: komt niet overeen met de handtekening (gewijzigd na het ondertekenen)\n"


def test_cli_bad_input_is_one_line(tmp_path):
    from conftest import run_cli

    for args, code in (
        ((), 2),
        (("bla",), 2),
        (("validate",), 2),
        (("validate", str(tmp_path / "bestaat-niet")), 2),
        (("sign", str(GEMEENTE)), 2),
        (("new", str(tmp_path / "x"), "--gemeente", "Atlantis"), 2),
        (("keygen", str(ROOT / "sleutel.key")), 1),
    ):
        result = run_cli("aanvulling", *args)
        assert result.returncode == code, (args, result.stdout, result.stderr)
        lines = (result.stdout + result.stderr).strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in lines[0], (args, lines)
    assert not (ROOT / "sleutel.key").exists()
    zip_path = tmp_path / "slip.zip"
    zip_path.write_bytes(zip_of({"../../evil.md": b"x"}))
    result = run_cli("aanvulling", "validate", str(zip_path))
    assert result.returncode == 1 and result.stdout.startswith("pad buiten de aanvulling: '../../evil.md'")
