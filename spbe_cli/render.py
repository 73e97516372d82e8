"""Render a ReportView to Markdown or HTML with the bundled Jinja templates."""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any, Literal

from markupsafe import Markup

from spbe_cli.resources import data_dir
from spbe_cli.view import ReportView

Format = Literal["md", "html"]

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#~])")


def md_escape(value: Any) -> str:
    """Inert Markdown table-cell text: no HTML, no pipes, no newlines, no emphasis or links."""
    return _md_escape("" if value is None else str(value))


@lru_cache(maxsize=16384)
def _md_escape(text: str) -> str:
    """A report repeats the same names and criteria for every institution of a batch."""
    return _md_inline(text).strip()


def _md_inline(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return re.sub(r"\s*[\r\n]+\s*", " ", text)


def md_inline(value: Any) -> Markup:
    """A run of text inside a line (its spaces kept), escaped as `md_escape` does; marked
    as done, so that the Markdown environment's finalize leaves it alone."""
    return Markup(_md_inline("" if value is None else str(value)))


_AUTOLINK_BREAKERS = re.compile(r"[\s\x00-\x1f\x7f<>\"'`\\|]")


def md_autolink(url: Any) -> Markup:
    """An http(s) URL as a Markdown autolink `<https://…>`: taken literally by the
    renderer (no emphasis, no escapes). Anything that could end the autolink or the table
    cell makes it plain escaped text instead (richtext never yields such a URL)."""
    text = "" if url is None else str(url)
    if _AUTOLINK_BREAKERS.search(text) or not re.match(r"https?://.", text, re.IGNORECASE):
        return md_inline(text)
    return Markup(f"<{text}>")


def css_string(value: Any) -> Any:
    """A CSS string literal: every character outside a safe set is a CSS escape, so no
    text can end the string, the rule or the <style> element."""
    text = "" if value is None else str(value)
    out = "".join(c if c.isalnum() or c in " .,-_()/:" else f"\\{ord(c):x} " for c in text)
    return Markup(f'"{out}"')


def _finalize_md(value: Any) -> Any:
    """Every printed string is escaped, but for what a Markdown filter already made
    (Markup means "done" here, not HTML)."""
    if isinstance(value, Markup):
        return str(value)
    return md_escape(value) if isinstance(value, str) else value


@cache
def _env(fmt: Format) -> Any:
    # import cost: jinja2 takes about a fifth of a cold start; the pipeline, which every
    # `spbe score` imports, imports this module, and only a report needs a template.
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    folder = data_dir("templates")
    env = Environment(
        loader=FileSystemLoader(str(folder)),
        undefined=StrictUndefined,
        autoescape=fmt == "html",
        finalize=_finalize_md if fmt == "md" else None,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # bundled templates do not change: no stat per report of a batch
    )
    env.filters["css_string"] = css_string
    env.filters["md_inline"] = md_inline
    env.filters["md_autolink"] = md_autolink
    return env


def render(view: ReportView, fmt: Format) -> str:
    """The whole report as text; HTML is one self-contained file (inline CSS and SVG)."""
    return render_view("report", view, fmt)


def render_view(name: str, view: Any, fmt: str) -> str:
    """Render `templates/NAME.FMT.j2` with a view (`v`) and its labels (`L`); HTML gets the
    shared stylesheet inline."""
    css = _css() if fmt == "html" else Markup("")
    template = _env(fmt).get_template(f"{name}.{fmt}.j2")
    text: str = template.render(v=view, L=view.labels, css=css, svg=Markup)
    return text


@cache
def _css() -> Markup:
    """The shared stylesheet, read once per process."""
    return Markup((data_dir("templates") / "report.css").read_text(encoding="utf-8"))
