"""One finding per cause: problems that say one subject lacks several things at one place
(an action item with no owner, no due date and no ticket, reported by three rules) become
one, under the first code, naming the others."""

from __future__ import annotations

from postmortem_lint.engine.finding import Problem


def fold(kept: list[tuple[str, Problem]]) -> list[tuple[str, Problem]]:
    """The problems, with each group of shared ones at one place folded into the first
    (the engine sorts the findings afterwards, so their order here does not matter)."""
    out: list[tuple[str, Problem]] = []
    groups: dict[tuple[object, ...], list[tuple[str, Problem]]] = {}
    for code, problem in kept:
        shared = problem.shared
        if shared is None:
            out.append((code, problem))
        else:
            groups.setdefault((shared.subject, shared.advice, problem.span), []).append(
                (code, problem))
    for group in groups.values():
        out.append(group[0] if len(group) == 1 else _merged(sorted(group,
                                                                   key=lambda pair: pair[0])))
    return out


def _merged(group: list[tuple[str, Problem]]) -> tuple[str, Problem]:
    first_code, first = group[0]
    assert first.shared is not None
    parts = [problem.shared.part for _, problem in group if problem.shared is not None]
    listed = ", ".join(parts[:-1]) + " or " + parts[-1]
    others = ", ".join(code for code, _ in group[1:])
    hints = [problem.hint for _, problem in group if problem.hint]
    related = [span for _, problem in group for span in problem.related]
    message = f"{first.shared.subject} {listed}; {first.shared.advice} (also {others})"
    return first_code, first.model_copy(update={
        "message": message, "hint": "; ".join(dict.fromkeys(hints)) or None,
        "related": list(dict.fromkeys(related)), "shared": None,
        "also": [code for code, _ in group[1:]]})
