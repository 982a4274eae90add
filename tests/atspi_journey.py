"""An accessibility client (AT-SPI, as Orca uses it) that drives Routekaart: run by
tests/test_atspi.py with the system's Python (python3-pyatspi), inside `dbus-run-session` and
`xvfb-run`. It starts the app (the Python given as argument), finds it on the accessibility bus,
walks its tree, and does one journey only through the bus: search, open a result, answer the
wizard, read the outcome. Prints one JSON object.

    dbus-run-session -- xvfb-run -a /usr/bin/python3 tests/atspi_journey.py .venv/bin/python
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pyatspi

#: Roles a control may have without a name (containers; the line edit's clear button is not focusable).
QUIET_ROLES = {"filler", "unknown", "panel", "layered pane", "split pane", "scroll pane", "viewport", "separator"}


def wait_for(find, seconds: float = 20.0):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        found = find()
        if found is not None:
            return found
        time.sleep(0.2)
    where = find.__doc__ or f"regel {find.__code__.co_firstlineno}"
    raise SystemExit(json.dumps({"error": f"niet gevonden binnen {seconds} s: {where}"}))


def nodes(acc, depth: int = 0):
    if acc is None or depth > 30:
        return
    yield acc
    for i in range(acc.childCount):
        yield from nodes(acc.getChildAtIndex(i), depth + 1)


def first(root, role: str | None = None, name: str | None = None, starts: str | None = None):
    for acc in nodes(root):
        try:
            if role is not None and acc.getRoleName() != role:
                continue
            if name is not None and acc.name != name:
                continue
            if starts is not None and not (acc.name or "").startswith(starts):
                continue
            states = acc.getState()
            if not states.contains(pyatspi.STATE_SHOWING):
                continue
            return acc
        except Exception:  # a node that went away while we looked
            continue
    return None


def act(acc, action: str) -> None:
    iface = acc.queryAction()
    names = [iface.getName(i) for i in range(iface.nActions)]
    # Qt names them 'Set Focus' or 'SetFocus' depending on the version of the bridge.
    keys = [name.replace(" ", "").casefold() for name in names]
    wanted = action.replace(" ", "").casefold()
    if wanted not in keys:
        raise SystemExit(json.dumps({"error": f"{acc.getRoleName()} {acc.name!r}: geen actie {action!r} ({names})"}))
    iface.doAction(keys.index(wanted))


def press_enter() -> None:
    """A key press the way an assistive technology sends one (Orca, a switch device)."""
    pyatspi.Registry.generateKeyboardEvent(36, None, pyatspi.KEY_PRESSRELEASE)  # X keycode 36 = Return


def text_of(acc) -> str:
    t = acc.queryText()
    return t.getText(0, t.characterCount)


def unnamed(app) -> list[str]:
    problems = []
    for acc in nodes(app):
        try:
            states = acc.getState()
            if not (states.contains(pyatspi.STATE_FOCUSABLE) and states.contains(pyatspi.STATE_SHOWING)):
                continue
            role = acc.getRoleName()
            if role in ("unknown", "invalid"):
                problems.append(f"geen rol: {acc.name!r}")
            elif not (acc.name or "").strip() and role not in QUIET_ROLES:
                problems.append(f"geen naam: {role}")
        except Exception:
            continue
    return problems


def main(app_python: str) -> int:
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1")
    process = subprocess.Popen([app_python, "-m", "routekaart_app"], env=env)
    report: dict = {"steps": []}
    try:
        def application():
            """the app on the accessibility bus"""
            desktop = pyatspi.Registry.getDesktop(0)
            for i in range(desktop.childCount):
                app = desktop.getChildAtIndex(i)
                if app is not None and app.name == "Routekaart" and app.childCount:
                    return app
            return None

        app = wait_for(application, 60)
        frame = app.getChildAtIndex(0)
        report["window"] = frame.name
        report["unnamed_start"] = unnamed(app)

        # 1. Search: type into the field through its editable-text interface.
        field = wait_for(lambda: first(app, "text", "Zoeken"))
        field.queryEditableText().setTextContents("stalking")
        results = wait_for(lambda: first(app, "list", "Zoekresultaten"))
        report["results"] = results.childCount
        report["steps"].append("gezocht")

        # 2. Open the first result: select it, focus the list, Enter.
        item = results.getChildAtIndex(0)
        report["result"] = item.name.split("\n")[0]
        act(item, "Toggle")
        act(results, "Set Focus")
        time.sleep(0.3)
        press_enter()
        reader = wait_for(lambda: first(app, name="Leesvenster"))
        title = report["result"]
        wait_for(lambda: reader if title in text_of(reader)[:400] else None)
        report["page"] = text_of(reader)[:200]
        report["steps"].append("pagina geopend")

        # 3. The wizard from the tool bar; answer through the controls' own actions.
        act(wait_for(lambda: first(app, "push button", "Wizard")), "Press")
        unknown = wait_for(lambda: first(app, "check box", starts="Weet ik niet"))
        act(unknown, "Toggle")  # the household's municipality: not known
        act(wait_for(lambda: first(app, "push button", "Volgende vraag")), "Press")
        yes = wait_for(lambda: first(app, "radio button", "Ja"))
        question = first(app, "label", starts="Is er nu acuut gevaar") or first(app, "label", starts="Is er")
        report["question"] = question.name if question is not None else ""
        report["question_description"] = question.description if question is not None else ""
        act(yes, "Toggle")  # acute danger: yes
        report["steps"].append("wizard beantwoord")
        report["unnamed_wizard"] = unnamed(app)

        # 4. Read the outcome.
        act(wait_for(lambda: first(app, "push button", "Bekijk de uitkomst")), "Press")
        outcome = wait_for(lambda: first(app, name="Uitkomst"))
        report["outcome"] = text_of(outcome)[:600]
        report["steps"].append("uitkomst gelezen")
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
    print(json.dumps(report))  # ASCII: the outcome holds Unicode line and paragraph separators
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
