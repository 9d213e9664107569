"""The HTML report's "changed since the previous scan" view, from report.json's ``history``.

The trend is drawn as inline SVG (stacked bars of findings per severity, one per stored scan):
the report loads nothing and runs no script, so the chart is plain shapes with a table beside
it for readers and printers that skip images. Geometry is worked out here so the template only
places it.
"""

from __future__ import annotations

SEVERITIES = ("info", "low", "medium", "high")
BAR, GAP, HEIGHT = 26, 10, 90


def trend_chart(trend: list[dict]) -> dict:
    """Bars for the trend: each ``{"x", "label", "total", "segments": [{"y", "h", "severity"}]}``
    (highest severity on top), and the chart's width and height."""
    totals = [sum(point["findings"].values()) for point in trend]
    peak = max(totals, default=0) or 1
    bars = []
    for index, (point, total) in enumerate(zip(trend, totals, strict=True)):
        y = float(HEIGHT)
        segments = []
        for severity in SEVERITIES:
            count = point["findings"].get(severity, 0)
            if not count:
                continue
            height = HEIGHT * count / peak
            y -= height
            segments.append({"y": round(y, 1), "h": round(height, 1), "severity": severity})
        bars.append(
            {
                "x": GAP + index * (BAR + GAP),
                "label": (point.get("started_at") or "")[:10],
                "total": total,
                "segments": segments,
                "scan_id": point["scan_id"],
            }
        )
    return {"bars": bars, "width": GAP + len(bars) * (BAR + GAP), "height": HEIGHT, "bar": BAR}


def has_changes(changes: dict | None) -> bool:
    """Whether the block lists anything (an unchanged site says so in one line)."""
    if not changes:
        return False
    if changes.get("verdict") or changes.get("banner"):
        return True
    return any(
        rows
        for part in ("third_parties", "cookies", "findings")
        for rows in (changes.get(part) or {}).values()
    )
