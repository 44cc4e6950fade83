"""How audit reports write durations, rates, scores and money: one way in every format."""

from __future__ import annotations

from postmortem_lint.audit.report import Money


def minutes(value: float | None) -> str:
    """42.0 -> '42m'; 135 -> '2h 15m'; 120 -> '2h'; 3000 -> '2d 2h'; None -> '—'."""
    if value is None:
        return "—"
    total = round(value)
    if total < 60:
        return f"{total}m"
    hours, mins = divmod(total, 60)
    if hours < 48:
        return f"{hours}h {mins:02d}m" if mins else f"{hours}h"
    days, hours = divmod(hours, 24)
    return f"{days}d {hours}h" if hours else f"{days}d"


def rate(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


def score(value: float | int | None) -> str:
    if value is None:
        return "—"
    return f"{value:.0f}" if isinstance(value, int) or value == int(value) else f"{value:.1f}"


def money(values: list[Money]) -> str:
    if not values:
        return "—"
    return ", ".join(f"{m.amount:,.0f} {m.currency}" if m.currency != "unspecified"
                     else f"{m.amount:,.0f} (no currency)" for m in values)
