"""Imports the modules that add verbs to the CLI with `cli.extra_verb` (one import per module)."""
