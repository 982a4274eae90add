"""The extra content kinds of the advice layer, registered with the content loader.

`content/wizard/*.yaml` (the decision flow: `advice.flow`, loaded and checked by
`advice.flow_checks`) and `content/oefencasussen/*.yaml` (the practice cases: `advice.cases`) are
content files, but their models and checks need the decision engine. The content layer must not
import the advice layer, so the kinds are wired from above: `register_content_kinds` hands the
loaders to `content.loader.register_extra`. The package `routekaart_app` offers it to the loader
(`content.store.KIND_PROVIDERS`), which calls it once, before the first load that needs the kinds.
"""

from __future__ import annotations


def register_content_kinds() -> None:
    """Register the wizard flow and the practice cases with the content loader (idempotent)."""
    from ..content.loader import register_extra
    from . import cases, flow_checks
    from .flow import FOLDER as FLOW_FOLDER

    # The flow first: the cases' check uses the loaded flow.
    register_extra(FLOW_FOLDER, flow_checks.load_flow_file, flow_checks.check_flows)
    register_extra(cases.FOLDER, cases.load_case_file, cases.check_cases)
