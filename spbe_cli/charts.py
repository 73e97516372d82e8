"""Inline SVG charts for the HTML report: band scale, radar, level bars (no JavaScript).

Geometry is presentation only (floats are fine here; every number shown as text comes
pre-formatted from the view). Every chart has a <title> and <desc> as its text equivalent.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from html import escape

BAND_COLOURS = ["#b3261e", "#c25e00", "#2e7d32", "#1565c0", "#6a1b9a", "#37474f", "#00695c"]
LEVEL_COLOURS = ["#757575", "#c62828", "#e65100", "#8d6e00", "#558b2f", "#1b5e20"]
FONT = "font-family:inherit;font-size:11px"


def band_colour(i: int) -> str:
    return BAND_COLOURS[i % len(BAND_COLOURS)]


def level_colour(level: float) -> str:
    """The same colour per whole level as the report's level badges (.l0 … .l5)."""
    return LEVEL_COLOURS[max(0, min(int(math.floor(level)), len(LEVEL_COLOURS) - 1))]


def _e(text: str) -> str:
    return escape(text, quote=True)


def _svg(uid: str, width: int, height: int, title: str, desc: str, body: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="{uid}-t {uid}-d" class="chart">'
        f'<title id="{uid}-t">{_e(title)}</title><desc id="{uid}-d">{_e(desc)}</desc>'
        f"{body}</svg>"
    )


@dataclass(frozen=True)
class BandSpan:
    label: str  # "Baik"
    range_text: str  # "2.60–3.50"
    lo: float
    hi: float


def band_scale(
    bands: Sequence[BandSpan], value: float, value_text: str, title: str, desc: str
) -> str:
    width, left, right, top = 640, 10, 630, 26
    lo, hi = bands[0].lo, bands[-1].hi
    span = hi - lo

    def x(v: float) -> float:
        return left + (right - left) * (v - lo) / span

    parts = []
    for i, b in enumerate(bands):
        x0, x1 = x(b.lo), x(b.hi)
        parts.append(
            f'<rect x="{x0:.1f}" y="{top}" width="{x1 - x0:.1f}" height="18" '
            f'fill="{band_colour(i)}" fill-opacity="0.85"/>'
            f'<text x="{(x0 + x1) / 2:.1f}" y="{top + 33}" text-anchor="middle" '
            f'style="{FONT};font-weight:600">{_e(b.label)}</text>'
            f'<text x="{(x0 + x1) / 2:.1f}" y="{top + 46}" text-anchor="middle" '
            f'style="{FONT};fill:#555">{_e(b.range_text)}</text>'
        )
    mx = x(min(max(value, lo), hi))
    parts.append(
        f'<path d="M{mx - 7:.1f},{top - 9} L{mx + 7:.1f},{top - 9} L{mx:.1f},{top + 1} Z" '
        f'fill="#111"/><line x1="{mx:.1f}" y1="{top}" x2="{mx:.1f}" y2="{top + 18}" '
        f'stroke="#111" stroke-width="2"/>'
        f'<text x="{mx:.1f}" y="{top - 12}" text-anchor="middle" '
        f'style="{FONT};font-weight:700;font-size:13px">{_e(value_text)}</text>'
    )
    return _svg("band", width, 80, title, desc, "".join(parts))


def radar(
    uid: str,
    axes: Sequence[tuple[str, float]],
    lo: float,
    hi: float,
    title: str,
    desc: str,
    second: Sequence[float] | None = None,
    legend: tuple[str, str] | None = None,
) -> str:
    size = 360
    n = len(axes)
    lo = min(lo, 0.0)  # radius from 0, so a polygon of 1.00s is visible, not a point

    def point(k: int, v: float) -> tuple[float, float]:
        return _polar(k, n, v, lo, hi)

    parts = [_radar_grid(tuple(label for label, _ in axes), lo, hi)]
    if second is not None:
        pts = " ".join(
            f"{px:.1f},{py:.1f}" for px, py in (point(k, v) for k, v in enumerate(second))
        )
        parts.append(
            f'<polygon points="{pts}" fill="none" stroke="#c25e00" stroke-width="2" '
            f'stroke-dasharray="5 4"/>'
        )
    pts = " ".join(
        f"{px:.1f},{py:.1f}" for px, py in (point(k, v) for k, (_, v) in enumerate(axes))
    )
    parts.append(
        f'<polygon points="{pts}" fill="#1565c0" fill-opacity="0.18" stroke="#1565c0" '
        f'stroke-width="2"/>'
    )
    for k, (_, v) in enumerate(axes):
        px, py = point(k, v)
        parts.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3" fill="#1565c0"/>')
    height = size
    if legend is not None and second is not None:
        parts.append(
            f'<line x1="20" y1="{size - 8}" x2="44" y2="{size - 8}" stroke="#1565c0" '
            f'stroke-width="2"/>'
            f'<text x="50" y="{size - 4}" style="{FONT}">{_e(legend[0])}</text>'
            f'<line x1="160" y1="{size - 8}" x2="184" y2="{size - 8}" stroke="#c25e00" '
            f'stroke-width="2" stroke-dasharray="5 4"/>'
            f'<text x="190" y="{size - 4}" style="{FONT}">{_e(legend[1])}</text>'
        )
    return _svg(uid, size, height, title, desc, "".join(parts))


_CX, _CY, _RADIUS = 180, 175, 120  # the radar's centre and radius


def _polar(k: int, n: int, v: float, lo: float, hi: float) -> tuple[float, float]:
    """Where value v lies on the radar's k-th of n axes."""
    angle = -math.pi / 2 + 2 * math.pi * k / n
    r = _RADIUS * (v - lo) / (hi - lo)
    return _CX + r * math.cos(angle), _CY + r * math.sin(angle)


@lru_cache(maxsize=64)
def _radar_grid(labels: tuple[str, ...], lo: float, hi: float) -> str:
    """The rings, axes and labels of a radar: the same for every report of a rubric."""
    n, cx, cy = len(labels), _CX, _CY
    parts = []
    for level in range(int(math.ceil(lo)), int(hi) + 1):
        ring = " ".join(
            f"{px:.1f},{py:.1f}" for px, py in (_polar(k, n, level, lo, hi) for k in range(n))
        )
        parts.append(f'<polygon points="{ring}" fill="none" stroke="#ccc" stroke-width="1"/>')
        lx, ly = _polar(0, n, level, lo, hi)
        parts.append(
            f'<text x="{lx - 4:.1f}" y="{ly + 4:.1f}" text-anchor="end" '
            f'style="{FONT};fill:#888">{level}</text>'
        )
    for k, label in enumerate(labels):
        ex, ey = _polar(k, n, hi, lo, hi)
        parts.append(f'<line x1="{cx}" y1="{cy}" x2="{ex:.1f}" y2="{ey:.1f}" stroke="#ddd"/>')
        tx, ty = _polar(k, n, hi + (hi - lo) * 0.13, lo, hi)
        anchor = "middle" if abs(tx - cx) < 10 else ("start" if tx > cx else "end")
        parts.append(
            f'<text x="{tx:.1f}" y="{ty + 4:.1f}" text-anchor="{anchor}" '
            f'style="{FONT};font-weight:600">{_e(label)}</text>'
        )
    return "".join(parts)


def level_bars(
    rows: Sequence[tuple[str, float, str]], lo: float, hi: float, title: str, desc: str
) -> str:
    """One horizontal bar per indicator: (id, level, level text shown at the bar's end)."""
    row_h, left, width, plot = _BAR_ROW, _BAR_LEFT, _BAR_WIDTH, _BAR_PLOT
    lo = min(lo, 0.0)  # bars start at 0, so level 1 is a visible bar, not nothing
    height = row_h * len(rows) + 24
    parts = []
    for tick in range(int(math.ceil(lo)), int(hi) + 1):
        gx = left + plot * (tick - lo) / (hi - lo)
        parts.append(
            f'<line x1="{gx:.1f}" y1="4" x2="{gx:.1f}" y2="{height - 18}" stroke="#e0e0e0"/>'
            f'<text x="{gx:.1f}" y="{height - 6}" text-anchor="middle" style="{FONT};fill:#777">'
            f"{tick}</text>"
        )
    parts += [_level_bar(i, *row, lo, hi) for i, row in enumerate(rows)]
    return _svg("bars", width, height, title, desc, "".join(parts))


_BAR_ROW, _BAR_LEFT, _BAR_WIDTH = 15, 44, 640  # the level bars' row height, margin, width
_BAR_PLOT = _BAR_WIDTH - _BAR_LEFT - 90


@lru_cache(maxsize=4096)
def _level_bar(i: int, ident: str, level: float, text: str, lo: float, hi: float) -> str:
    """Row i of the level bars: a batch's reports draw the same few rows again and again."""
    row_h, left, plot = _BAR_ROW, _BAR_LEFT, _BAR_PLOT
    y = 4 + i * row_h
    w = max(1.5, plot * (level - lo) / (hi - lo))
    return (
        f'<text x="{left - 6}" y="{y + 11}" text-anchor="end" style="{FONT}">{_e(ident)}</text>'
        f'<rect x="{left}" y="{y + 2}" width="{w:.1f}" height="{row_h - 4}" '
        f'fill="{level_colour(level)}"/>'
        f'<text x="{left + w + 4:.1f}" y="{y + 11}" style="{FONT}">{_e(text)}</text>'
    )


def count_bars(counts: Sequence[tuple[str, int]], title: str, desc: str, uid: str = "dist") -> str:
    """Vertical bars, one per predikat band, each labelled with its count."""
    width, height, base, top = 560, 220, 180, 20
    most = max((n for _, n in counts), default=0) or 1
    slot = width / max(1, len(counts))
    parts = [f'<line x1="0" y1="{base}" x2="{width}" y2="{base}" stroke="#999"/>']
    for i, (label, n) in enumerate(counts):
        h = (base - top) * n / most
        x = i * slot + slot * 0.2
        parts.append(
            f'<rect x="{x:.1f}" y="{base - h:.1f}" width="{slot * 0.6:.1f}" height="{h:.1f}" '
            f'fill="{band_colour(i)}"/>'
            f'<text x="{x + slot * 0.3:.1f}" y="{base - h - 5:.1f}" text-anchor="middle" '
            f'style="{FONT};font-weight:700">{n}</text>'
            f'<text x="{x + slot * 0.3:.1f}" y="{base + 16}" text-anchor="middle" '
            f'style="{FONT}">{_e(label)}</text>'
        )
    return _svg(uid, width, height, title, desc, "".join(parts))
