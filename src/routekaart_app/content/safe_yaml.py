"""A safe YAML loader with a nesting limit and no aliases, for content that may come from anyone.

Aliases (`*name`, also in `<<: *name` merges) are refused: content is written by hand and needs
none, and a few hundred bytes of nested aliases expand into millions of nodes (a "billion laughs"
file) that every later step (validation, compiling the wizard's conditions, duplicate checks)
would walk again. Refusing them while composing keeps every step linear in the file's size.

libyaml's composer (PyYAML's C extension) builds nodes recursively in C without any depth check:
a file with 100,000 nested `[` crashes the whole process with a segmentation fault instead of
raising. Here libyaml still scans and parses (the expensive part); PyYAML's Python composer
builds the nodes, with a depth limit, so such a file becomes an ordinary YAML error with a line.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml
from yaml.composer import Composer, ComposerError
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent
from yaml.resolver import Resolver

#: Content needs a handful of levels; anything beyond this is reported as an error.
MAX_DEPTH = 64
#: Values (YAML nodes) in one file: the largest bundled file (the wizard's flow) has about 2,000.
#: Without aliases this is the file's whole expanded size; the cap bounds the work and memory of
#: every later step (validation, compiling conditions) for a file of up to 2 MB.
MAX_NODES = 50_000


class _DepthLimitedComposer(Composer):
    _depth = 0
    _nodes = 0
    # Supplied by the parser the loader combines this composer with (libyaml's or PyYAML's, whose
    # events and marks are different classes with the same fields).
    peek_event: Callable[[], Any]
    check_event: Callable[..., bool]

    def compose_node(self, parent: Any, index: Any) -> Any:
        self._nodes += 1
        if self._nodes > MAX_NODES:
            event = self.peek_event()
            raise ComposerError(
                None, None, f"te veel waarden in één bestand (meer dan {MAX_NODES:,}); splits het op".replace(",", "."),
                event.start_mark,
            )
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise ComposerError(
                None, None, f"verwijzing '*{event.anchor}' (YAML-alias) is niet toegestaan in content; schrijf de waarde uit",
                event.start_mark,
            )
        if self._depth >= MAX_DEPTH:
            event = self.peek_event()
            raise ComposerError(
                None, None, f"te diep genest (meer dan {MAX_DEPTH} niveaus)", event.start_mark
            )
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


try:  # libyaml is much faster; the pure-Python parser is the fallback
    from yaml._yaml import CParser  # what yaml.cyaml re-exports; ImportError without libyaml

    class SafeLoader(_DepthLimitedComposer, CParser, SafeConstructor, Resolver):
        def __init__(self, stream: Any) -> None:
            CParser.__init__(self, stream)
            _DepthLimitedComposer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)

except ImportError:  # pragma: no cover - depends on the PyYAML build

    class SafeLoader(_DepthLimitedComposer, yaml.SafeLoader):  # type: ignore[no-redef]
        pass
