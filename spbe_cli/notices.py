"""A result's notices (warnings) in the reader's words: for the reports' view and the
terminal alike, without the report view's other machinery."""

from __future__ import annotations

from spbe_cli.i18n import TEXT, Lang, t
from spbe_cli.result import Result
from spbe_cli.scoring import Notice


def warning_text(lang: Lang, result: Result, w: Notice) -> str:
    """A warning of a result in the reader's language (its code names the catalogue text)."""
    key = f"w_{w.code}"
    if key not in TEXT[lang]:
        return w.message
    params = dict(w.params)
    params.setdefault("exact_value", result.overall.index_exact)
    params.setdefault("basis", t(lang, f"basis_{result.basis}"))
    try:
        return t(lang, key, **params)
    except KeyError:
        return w.message
