"""`routekaart aanvulling new|validate|sign|verify|inspect|keygen`: tools for the people who make
local additions (a municipality's policy officer, an organisation's meldcode coordinator).

    aanvulling new MAP --gemeente NAAM [--gemeente NAAM ...] | --organisatie NAAM  [--uitgever NAAM]
    aanvulling validate PAD              every problem as `bestand:regel: veld: wat`; 0 = goed
    aanvulling sign MAP --sleutel PRIVÉ.key
    aanvulling verify PAD [--vertrouwd MAP]
    aanvulling inspect [PAD]             a pack's contents; without PAD: the packs the app finds
    aanvulling keygen PRIVÉ.key [--naam NAAM]

Private keys are never read from or written into the program's folder.
"""

from __future__ import annotations

import argparse
import datetime as _dt
from pathlib import Path

from .common import EXIT_OK, EXIT_PROBLEMS, UsageError, content_arg, load_store, one_line

ACTIONS = ("new", "validate", "sign", "verify", "inspect", "keygen")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("actie", metavar="ACTIE", choices=ACTIONS, help=" | ".join(ACTIONS))
    parser.add_argument("pad", metavar="PAD", nargs="?", help="de aanvulling (map of .zip), of de sleutel bij keygen")
    parser.add_argument("--sleutel", metavar="PRIVÉ.key", help="sign: de privésleutel (buiten de programmamap)")
    parser.add_argument("--vertrouwd", metavar="MAP", help="verify: map met vertrouwde openbare sleutels (.pub)")
    parser.add_argument("--gemeente", metavar="NAAM", action="append", default=[], help="new: een gemeente (vaker mogelijk)")
    parser.add_argument("--organisatie", metavar="NAAM", help="new: de organisatie")
    parser.add_argument("--uitgever", metavar="NAAM", default="", help="new: wie de aanvulling uitgeeft")
    parser.add_argument("--naam", metavar="NAAM", default="", help="keygen: naam bij de openbare sleutel")
    content_arg(parser)


def run(args: argparse.Namespace) -> int:
    from ..content.aanvulling.reading import PackError

    needs_path = args.actie != "inspect"
    if needs_path and not args.pad:
        raise UsageError(f"aanvulling {args.actie}: geef een pad (zie --help)")
    try:
        return {
            "new": _new, "validate": _validate, "sign": _sign, "verify": _verify, "inspect": _inspect, "keygen": _keygen,
        }[args.actie](args)
    except PackError as exc:
        print(one_line(str(exc)))
        return EXIT_PROBLEMS


def _path(value: str) -> Path:
    try:
        return Path(value).expanduser()
    except RuntimeError:
        return Path(value)


def _open(args: argparse.Namespace, path: Path):
    from ..content.aanvulling.reading import read_pack

    if not path.exists() and not path.is_symlink():
        raise UsageError(f"{args.pad}: bestaat niet")
    return read_pack(path)


def _new(args: argparse.Namespace) -> int:
    target = _path(args.pad)
    if bool(args.gemeente) == bool(args.organisatie):
        raise UsageError("aanvulling new: geef --gemeente NAAM (één of meer) óf --organisatie NAAM")
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise UsageError(f"{args.pad}: bestaat al en is niet leeg (wordt niet overschreven)")
    store = load_store(args)
    names = []
    for name in args.gemeente:
        mun = store.municipality_by_name(name)
        if mun is None:
            raise UsageError(f"onbekende gemeente: {name}")
        names.append(mun.name)
    publisher = args.uitgever.strip() or (f"Gemeente {names[0]}" if names else args.organisatie)
    pack_id = "".join(ch if ch.isalnum() else "_" for ch in publisher.casefold()).strip("_")[:60] or "aanvulling"
    lines = [
        "# Een aanvulling: vul alleen in wat de meegeleverde content 'niet ingevuld' laat, of voeg toe.",
        "# Controleer met: routekaart aanvulling validate MAP",
        f"id: {pack_id}",
        f'publisher: "{publisher}"',
        "scope:",
    ]
    files: dict[str, str] = {}
    if names:
        lines.append("  municipalities: [" + ", ".join(f'"{n}"' for n in names) + "]")
    else:
        lines.append(f'  organisation: "{args.organisatie}"')
    lines += [
        'version: "1.0"',
        f"date: {_dt.date.today().isoformat()}",
        "contact:",
        "  name: VUL IN (wie beheert deze aanvulling)",
    ]
    if names:
        lines.append("municipalities:")
        for name in names:
            slug = "".join(ch if ch.isalnum() else "_" for ch in name.casefold())
            lines += [
                f'  "{name}":',
                "    local_team:",
                "      name: VUL IN (naam van het lokale team)",
                "      # phone: (telefoonnummer)",
                "      # email: team@voorbeeld.nl",
                "      # website: https://www.voorbeeld.nl/team",
                "      # opening_hours: maandag tot en met vrijdag 9.00-17.00 uur",
                "    # zorg_en_veiligheidskamer:",
                "    #   name: Zorg- en Veiligheidskamer ...",
                f"    page: gemeenten/{slug}.md",
            ]
            files[f"gemeenten/{slug}.md"] = f"Wat professionals in {name} verder moeten weten (VUL IN).\n"
    else:
        lines += [
            "organisation:",
            "  aandachtsfunctionarissen:",
            "    - name: VUL IN",
            "      # role: aandachtsfunctionaris",
            "      # phone: (telefoonnummer)",
            "      # email: af@voorbeeld.nl",
            "      # reachable: maandag tot en met vrijdag 9.00-17.00 uur",
            "  page: organisatie/meldcode.md",
        ]
        files["organisatie/meldcode.md"] = "Hoe de meldcode bij ons werkt (VUL IN).\n"
    files["aanvulling.yaml"] = "\n".join(lines) + "\n"
    for rel, text in files.items():
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        (target / rel).write_text(text, encoding="utf-8")
    print(one_line(f"aangemaakt: {target} (vul de velden met 'VUL IN' in; controleer met 'routekaart aanvulling validate {target}')"))
    return EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    from ..content.aanvulling import signing
    from ..content.aanvulling.pack import check_pack

    path = _path(args.pad)
    files = _open(args, path)
    store = load_store(args)
    _, problems = check_pack(files, path.name, store, path)
    lines = [str(p) for p in problems]
    try:
        verdict = signing.verify(files, {})
    except Exception as exc:  # PackError: a file does not match the signature
        lines.append(f"{path.name}: geweigerd: {exc}")
        verdict = None
    for line in lines:
        print(one_line(line))
    if lines:
        return EXIT_PROBLEMS
    state = "niet ondertekend" if verdict is None or verdict.state == signing.UNSIGNED else f"ondertekend met sleutel {verdict.fingerprint}"
    print(one_line(f"ok: {path.name} ({state})"))
    return EXIT_OK


def _sign(args: argparse.Namespace) -> int:
    from ..content.aanvulling import signing
    from ..content.aanvulling.models import SIGNATURE
    from ..content.aanvulling.pack import check_pack, first_line
    from ..paths import program_dir

    path = _path(args.pad)
    if not args.sleutel:
        raise UsageError("aanvulling sign: geef --sleutel PRIVÉ.key")
    if not path.is_dir() or path.is_symlink():
        raise UsageError(f"{args.pad}: onderteken een map (pak een .zip eerst uit)")
    files = _open(args, path)
    store = load_store(args)
    files.pop(SIGNATURE, None)
    _, problems = check_pack(files, path.name, store, path)
    if problems:
        print(one_line(f"niet ondertekend: {first_line(problems)}"))
        return EXIT_PROBLEMS
    key = signing.load_private_key(_path(args.sleutel), program_dir())
    (path / SIGNATURE).write_bytes(signing.sign_files(files, key))
    print(one_line(f"ondertekend: {path / SIGNATURE} ({len(files)} bestanden)"))
    return EXIT_OK


def _verify(args: argparse.Namespace) -> int:
    from ..content.aanvulling import signing, trusted_dir
    from ..content.aanvulling.reading import PackError
    from ..paths import program_dir

    path = _path(args.pad)
    files = _open(args, path)
    folder = _path(args.vertrouwd) if args.vertrouwd else trusted_dir(program_dir())
    trusted, _ = signing.trusted_keys(folder)
    try:
        verdict = signing.verify(files, trusted)
    except PackError as exc:
        raise PackError(f"{path.name}: geweigerd: {exc}") from None
    if verdict.state == signing.UNSIGNED:
        print(one_line(f"{path.name}: niet ondertekend"))
        return EXIT_PROBLEMS
    if verdict.trusted:
        print(one_line(f"{path.name}: ondertekend met vertrouwde sleutel {verdict.key_name} ({verdict.fingerprint})"))
    else:
        print(one_line(f"{path.name}: handtekening klopt, maar de sleutel {verdict.fingerprint} staat niet in {folder}"))
    return EXIT_OK


def _inspect(args: argparse.Namespace) -> int:
    from ..content.aanvulling import load_additions, signing, trusted_dir
    from ..content.aanvulling.pack import check_pack
    from ..paths import program_dir, user_packs_dir

    store = load_store(args)
    if not args.pad:
        additions = load_additions(store, program_dir(), user_packs_dir(), confirm=None)
        if additions is None:
            print("geen aanvullingen gevonden (naast het programma: aanvullingen/; in uw profiel: "
                  f"{one_line(str(user_packs_dir()))})")
            return EXIT_OK
        for line in additions.summary():
            print(one_line(line))
        for pack in additions.pending:
            print(one_line(f"Wacht op bevestiging (niet ondertekend): {pack.label}: {pack.origin}"))
        return EXIT_OK
    path = _path(args.pad)
    files = _open(args, path)
    pack, problems = check_pack(files, path.name, store, path)
    if pack is None:
        for problem in problems:
            print(one_line(str(problem)))
        return EXIT_PROBLEMS
    pack.verdict = signing.verify(files, signing.trusted_keys(trusted_dir(program_dir()))[0])
    m = pack.manifest
    print(one_line(f"{m.id} versie {m.version}: {pack.origin}"))
    print(one_line(f"contactpersoon: {m.contact.name}" + (f", {m.contact.email}" if m.contact.email else "")))
    for mun_id, addition in pack.municipalities.items():
        for attr in ("local_team", "zorg_en_veiligheidskamer"):
            service = getattr(addition, attr)
            if service is not None:
                filled = ", ".join(f"{k}={v}" for k, v in service.model_dump(exclude_none=True).items())
                print(one_line(f"{store.municipalities[mun_id].name}: {attr}: {filled}"))
        if addition.page:
            print(one_line(f"{store.municipalities[mun_id].name}: pagina {addition.page}"))
    if m.organisation is not None:
        for person in m.organisation.aandachtsfunctionarissen:
            print(one_line(f"{m.scope.organisation}: aandachtsfunctionaris {person.name}" + (f", {person.phone}" if person.phone else "")))
    return EXIT_OK


def _keygen(args: argparse.Namespace) -> int:
    from ..content.aanvulling import signing
    from ..paths import program_dir

    public, fingerprint = signing.generate_key(_path(args.pad), args.naam or _path(args.pad).stem, program_dir())
    print(one_line(f"sleutel gemaakt: {args.pad} (privé: bewaar hem veilig, nooit in de programmamap); "
                   f"openbaar: {public} (geef die aan IT voor vertrouwd/); vingerafdruk {fingerprint}"))
    return EXIT_OK
