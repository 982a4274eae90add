"""Routekaart: offline handboek en beslishulp huiselijk geweld en kindermishandeling.

This package is the composition root above the layers (content, search, advice, then ui and
cli): it wires the advice layer's content kinds (wizard flow, practice cases) into the content
loader, so every entry point (window, CLI, the content tools, tests) loads them the same way
while `content` never imports `advice`; and it has the content snapshot write the prebuilt search
index too, while `content` never imports `search`. Cheap: nothing of the advice layer is imported until the
loader first needs the kinds.
"""

__version__ = "0.1.0"
APP_NAME = "Routekaart"


def _register_content_kinds() -> None:
    from .advice.kinds import register_content_kinds

    register_content_kinds()


def _write_search_index(store: object) -> None:
    from .search.prebuilt import write_image

    write_image(store)


def _wire() -> None:
    from .content.store import KIND_PROVIDERS, SNAPSHOT_WRITERS

    if _register_content_kinds not in KIND_PROVIDERS:
        KIND_PROVIDERS.append(_register_content_kinds)
    if _write_search_index not in SNAPSHOT_WRITERS:  # the prebuilt search index, with every snapshot
        SNAPSHOT_WRITERS.append(_write_search_index)


_wire()
