"""A safe YAML loader with a nesting limit, for content that may come from anyone.

libyaml's composer (PyYAML's C extension) builds nodes recursively in C without any depth check:
a file with 100,000 nested `[` crashes the whole process with a segmentation fault instead of
raising. Here libyaml still scans and parses (the expensive part); PyYAML's Python composer
builds the nodes, with a depth limit, so such a file becomes an ordinary YAML error with a line.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.composer import Composer, ComposerError
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

#: Content needs a handful of levels; anything beyond this is reported as an error.
MAX_DEPTH = 64


class _DepthLimitedComposer(Composer):
    _depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
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
    from yaml.cyaml import CParser

    class SafeLoader(_DepthLimitedComposer, CParser, SafeConstructor, Resolver):  # type: ignore[misc]
        def __init__(self, stream: Any) -> None:
            CParser.__init__(self, stream)
            _DepthLimitedComposer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)

except ImportError:  # pragma: no cover - depends on the PyYAML build

    class SafeLoader(_DepthLimitedComposer, yaml.SafeLoader):  # type: ignore[no-redef]
        pass
