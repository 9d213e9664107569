"""The data-flow picture: where visitor data go, as a schematic drawn in inline SVG.

This is a schematic, not a map. Each destination country is one node, placed by the rough
position of its centre in :data:`APPROXIMATE_CENTRES`, a small table written by hand for this
report (longitude and latitude rounded to a few degrees; not taken from any data set, not
meant for anything but putting Ireland left of Germany and the United States left of both).
Countries missing from it are lined up in a column of their own. The site is a node on the
left; a line runs from it to each country, labelled with the number of recipients there.

The layout is computed here; the template draws it, so every label (an owner's name, a
country code from report.json) is escaped by Jinja2 like the rest of the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Approximate centre (longitude, latitude) of the countries recipients are usually seated in.
#: Hand-written for the schematic: rounded, deliberately imprecise, not a geographic source.
APPROXIMATE_CENTRES: dict[str, tuple[float, float]] = {
    # EU/EEA
    "AT": (14, 47.5), "BE": (4.5, 50.6), "BG": (25, 42.7), "HR": (16, 45.2), "CY": (33, 35),
    "CZ": (15.5, 49.8), "DK": (10, 56), "EE": (25.5, 58.7), "FI": (26, 63), "FR": (2.5, 46.5),
    "DE": (10.4, 51), "GR": (22, 39), "HU": (19.5, 47.2), "IE": (-8, 53.2), "IT": (12.5, 42.8),
    "LV": (25, 56.9), "LT": (24, 55.3), "LU": (6.1, 49.7), "MT": (14.4, 35.9), "NL": (5.3, 52.2),
    "PL": (19.5, 52), "PT": (-8, 39.6), "RO": (25, 45.9), "SK": (19.5, 48.7), "SI": (14.8, 46.1),
    "ES": (-3.7, 40.3), "SE": (16, 62), "IS": (-19, 65), "LI": (9.5, 47.1), "NO": (10, 61),
    # Elsewhere
    "GB": (-2, 53.5), "CH": (8.2, 46.8), "US": (-98, 39), "CA": (-100, 56), "MX": (-102, 23.5),
    "BR": (-52, -10), "AR": (-64, -34), "UY": (-56, -33), "IL": (35, 31.4), "TR": (35, 39),
    "RU": (60, 58), "UA": (31, 49), "AE": (54, 24), "IN": (79, 22), "CN": (104, 35),
    "HK": (114.2, 22.3), "TW": (121, 23.7), "JP": (138, 36.5), "KR": (128, 36.5),
    "SG": (103.8, 1.35), "AU": (134, -25), "NZ": (172, -41), "ZA": (24, -29), "NG": (8, 9.5),
    "KE": (38, 0.5), "EG": (30, 26.5), "SA": (45, 24), "RS": (21, 44), "JE": (-2.1, 49.2),
}  # fmt: skip

WIDTH, HEIGHT = 760, 400
SITE_X, SITE_Y = 70, HEIGHT // 2
#: The part of the picture the countries are projected into (equirectangular, cropped).
LEFT, RIGHT, TOP, BOTTOM = 230, 690, 40, 360
WEST, EAST, NORTH, SOUTH = -125.0, 175.0, 70.0, -45.0
MIN_GAP = 34


@dataclass
class CountryNode:
    """One destination country and what flows there."""

    country: str | None
    in_eea: bool | None
    owners: list[str] = field(default_factory=list)
    dpf: dict[str, int] = field(default_factory=dict)
    mechanisms: list[dict] = field(default_factory=list)
    x: float = 0.0
    y: float = 0.0

    @property
    def count(self) -> int:
        return len(self.owners)

    @property
    def zone(self) -> str:
        """``eea``, ``third`` or ``unknown``: the colour of the node and its line."""
        if self.in_eea is None:
            return "unknown"
        return "eea" if self.in_eea else "third"

    @property
    def label_anchor(self) -> str:
        """Labels go on the side away from the picture's edge."""
        return "end" if self.x > RIGHT - 60 else "start"


def country_nodes(flows: list[dict]) -> list[CountryNode]:
    """Group the report's flows by country and place each country on the schematic."""
    nodes: dict[str | None, CountryNode] = {}
    for flow in flows:
        node = nodes.setdefault(flow.get("country"), CountryNode(flow.get("country"), None))
        node.in_eea = flow.get("in_eea")
        node.owners.append(flow["owner"])
        if flow.get("dpf"):
            status = flow["dpf"].get("status", "unverified")
            node.dpf[status] = node.dpf.get(status, 0) + 1
        for mechanism in flow.get("mechanisms", []):
            if mechanism["label"] not in {m["label"] for m in node.mechanisms}:
                node.mechanisms.append(mechanism)
    placed = sorted(nodes.values(), key=lambda n: (n.country is None, n.country or ""))
    _place(placed)
    return placed


def _place(nodes: list[CountryNode]) -> None:
    """Project known countries; line up the others on the right; then push apart neighbours
    closer than :data:`MIN_GAP`, so two labels never sit on each other."""
    spare = [n for n in nodes if (n.country or "") not in APPROXIMATE_CENTRES]
    for node in nodes:
        if node in spare:
            continue
        lon, lat = APPROXIMATE_CENTRES[node.country or ""]
        node.x = LEFT + (lon - WEST) / (EAST - WEST) * (RIGHT - LEFT)
        node.y = TOP + (NORTH - lat) / (NORTH - SOUTH) * (BOTTOM - TOP)
    for index, node in enumerate(spare):
        node.x, node.y = RIGHT, TOP + 30 + index * MIN_GAP * 1.5
    for _ in range(len(nodes) * 4):
        moved = False
        for a in nodes:
            for b in nodes:
                if a is b or b.y < a.y:
                    continue
                if abs(a.x - b.x) < 120 and b.y - a.y < MIN_GAP:
                    b.y = min(HEIGHT - 20, a.y + MIN_GAP)
                    if b.y - a.y < MIN_GAP:  # at the bottom edge: move the upper one instead
                        a.y = max(20, b.y - MIN_GAP)
                    moved = True
        if not moved:
            break
