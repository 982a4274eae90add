"""Registers the loaders of the extra content kinds (wizard flow, practice cases).

Each module imported here calls `loader.register_extra(folder, load, check)`.
"""

from ..advice import flow  # noqa: F401  (content/wizard/*.yaml)
from . import cases  # noqa: F401,E402  (content/oefencasussen/*.yaml; after the flow: its check uses it)
