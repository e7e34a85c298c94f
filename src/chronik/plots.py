"""Figures for papers: a dyad's Goldstein sum and its events by QuadClass over time (matplotlib)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date as Date
from datetime import timedelta
from pathlib import Path
from typing import Any

from chronik.errors import InputError
from chronik.store.queries import PERIODS, EventQuery
from chronik.store.store import Store

QUAD_NAMES = ("verbal cooperation", "material cooperation", "verbal conflict", "material conflict")
QUAD_COLOURS = ("#7fbf7b", "#1b7837", "#f4a582", "#b2182b")


@dataclass(slots=True)
class Point:
    period: Date
    events: int
    goldstein_sum: float
    quads: tuple[int, int, int, int]
    articles: int


def dyad_series(store: Store, a: str, b: str, by: str = "week", directed: bool = False,
                query: EventQuery | None = None) -> list[Point]:
    """One point per period from the first to the last event of the dyad (periods without events are
    zero). Actors are country codes or full codes, matched as prefixes; both directions unless directed."""
    if by not in PERIODS:
        raise InputError(f"cannot group by {by!r}", hint=f"choose one of {', '.join(PERIODS)}")
    q = query or EventQuery()
    where, params = q.where()
    pair = "(starts_with(e.source_code, ?) AND starts_with(e.target_code, ?))"
    dyad = pair if directed else f"({pair} OR {pair})"
    dyad_params = [a.upper(), b.upper()] + ([] if directed else [b.upper(), a.upper()])
    sql = (f"SELECT CAST(date_trunc('{by}', e.date) AS DATE) AS period, count(*), coalesce(sum(e.goldstein), 0), "
           + ", ".join(f"sum(CASE WHEN e.quad_class = {k} THEN 1 ELSE 0 END)" for k in (1, 2, 3, 4))
           + ", count(DISTINCT e.doc_id) FROM events e JOIN documents d ON d.id = e.doc_id"
           + (where + " AND " if where else " WHERE ") + dyad + " AND e.date IS NOT NULL GROUP BY 1 ORDER BY 1")
    rows = store.db.query(sql, params + dyad_params)
    points = {r[0]: Point(r[0], int(r[1]), float(r[2]), (int(r[3]), int(r[4]), int(r[5]), int(r[6])), int(r[7]))
              for r in rows}
    if not points:
        return []
    out, day = [], min(points)
    while day <= max(points):
        out.append(points.get(day) or Point(day, 0, 0.0, (0, 0, 0, 0), 0))
        day = _next(day, by)
    return out


def _next(day: Date, by: str) -> Date:
    if by == "day":
        return day + timedelta(days=1)
    if by == "week":
        return day + timedelta(days=7)
    if by == "month":
        return Date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return Date(day.year + 1, 1, 1)


def plot_dyad(points: list[Point], a: str, b: str, out: str | Path, by: str = "week") -> Path:
    """Two panels sharing the time axis: the Goldstein sum per period, and events per period stacked
    by QuadClass. PNG, SVG or PDF by the file's suffix."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    path = Path(out)
    if path.suffix.lower() not in (".png", ".svg", ".pdf"):
        raise InputError(f"cannot draw {path.name}: unknown figure format", hint="name the file .png, .svg or .pdf")
    if not points:
        raise InputError(f"no dated events between {a} and {b}", hint="check the codes with chronik dyads --db …")
    width = {"day": 0.8, "week": 5.5, "month": 25.0, "year": 300.0}[by]
    x = [p.period for p in points]
    fig, (top, bottom) = plt.subplots(2, 1, sharex=True, figsize=(9, 5.5), height_ratios=(1, 1.3))
    sums = [p.goldstein_sum for p in points]
    top.bar(x, sums, width=width, color=["#1b7837" if s >= 0 else "#b2182b" for s in sums])
    top.axhline(0, color="black", linewidth=0.6)
    top.set_ylabel(f"Goldstein sum per {by}")
    top.set_title(f"{a} – {b}: {sum(p.events for p in points)} events in "
                  f"{sum(p.articles for p in points)} article-periods")
    base = [0] * len(points)
    for k in range(4):
        values = [p.quads[k] for p in points]
        bottom.bar(x, values, width=width, bottom=base, color=QUAD_COLOURS[k], label=QUAD_NAMES[k])
        base = [u + v for u, v in zip(base, values, strict=True)]
    bottom.set_ylabel(f"events per {by}")
    bottom.legend(loc="upper left", fontsize=8, frameon=False, ncols=2)
    fig.autofmt_xdate()
    fig.tight_layout()
    fig.savefig(path, dpi=150)
    plt.close(fig)
    return path


def series_rows(points: list[Point]) -> tuple[list[str], list[tuple[Any, ...]]]:
    names = ["period", "events", "goldstein_sum", "quad1", "quad2", "quad3", "quad4", "articles"]
    return names, [(p.period, p.events, p.goldstein_sum, *p.quads, p.articles) for p in points]
