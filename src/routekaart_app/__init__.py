"""Routekaart: offline handboek en beslishulp huiselijk geweld en kindermishandeling."""

__version__ = "0.1.0"
APP_NAME = "Routekaart"
