"""Imports the modules that add verbs to the CLI with `cli.extra_verb` (one import per module)."""
from . import cli_advise  # noqa: E402,F401  (advise)
from . import cli_bench  # noqa: E402,F401  (bench)
from . import cli_cases  # noqa: E402,F401  (cases)
from . import cli_render  # noqa: E402,F401  (render)
