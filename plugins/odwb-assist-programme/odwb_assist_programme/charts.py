"""Small inline SVG charts for the dashboard (no JavaScript, no external file, print-friendly)."""

from __future__ import annotations

from html import escape

COLOURS = ("#1f6f8b", "#99a8b2", "#e6a157", "#7a9e3f")


def hbar_chart(title: str, items: list[tuple[str, float, float]], *, width: int = 640, unit: str = "") -> str:
    """Horizontal bars: ``(label, value, maximum)`` each, value drawn over a pale full-length bar."""
    row, label_w, top = 24, 260, 28
    height = top + row * len(items) + 8
    bar_w = width - label_w - 70
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" aria-label="{escape(title)}">',
             f'<title>{escape(title)}</title>',
             f'<text x="0" y="16" font-size="14" font-weight="bold">{escape(title)}</text>']
    for i, (label, value, maximum) in enumerate(items):
        y = top + i * row
        share = value / maximum if maximum else 0.0
        short = label if len(label) <= 40 else label[:39] + "…"
        parts.append(f'<text x="0" y="{y + 15}" font-size="12">{escape(short)}</text>')
        parts.append(f'<rect x="{label_w}" y="{y + 3}" width="{bar_w}" height="16" fill="#e8edf0"/>')
        parts.append(f'<rect x="{label_w}" y="{y + 3}" width="{bar_w * share:.1f}" height="16" fill="{COLOURS[0]}"/>')
        parts.append(f'<text x="{label_w + bar_w + 6}" y="{y + 15}" font-size="12">{value:g}/{maximum:g}{escape(unit)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _wrap(text: str, chars: int, lines: int) -> list[str]:
    """Cut ``text`` into at most ``lines`` lines of about ``chars`` characters (… when it is longer)."""
    words, out, current = text.split(), [], ""
    for word in words:
        if current and len(current) + 1 + len(word) > chars:
            out.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    out.append(current)
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][: chars - 1].rstrip() + "…"
    return out


def met_chart(title: str, met: int, total: int, *, width: int = 320) -> str:
    """One stacked bar: met (dark) against not met (pale), with the counts; the title wraps on two lines."""
    lines = _wrap(title, max(10, (width - 10) // 7), 2)
    top = 14 + 16 * len(lines)
    height = top + 44
    share = met / total if total else 0.0
    inner = width - 20
    label = "".join(f'<tspan x="0" dy="{0 if i == 0 else 16}">{escape(line)}</tspan>' for i, line in enumerate(lines))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'aria-label="{escape(title)}"><title>{escape(title)}</title>'
        f'<text x="0" y="14" font-size="13" font-weight="bold">{label}</text>'
        f'<rect x="0" y="{top}" width="{inner}" height="20" fill="#f2c4b8"/>'
        f'<rect x="0" y="{top}" width="{inner * share:.1f}" height="20" fill="{COLOURS[3]}"/>'
        f'<text x="0" y="{top + 38}" font-size="12">{met} / {total}</text></svg>'
    )
