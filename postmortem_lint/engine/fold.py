"""One finding per cause: problems that say one subject lacks several things at one place
(an action item with no owner, no due date and no ticket, reported by three rules) become
one, under the first code, naming the others."""

from __future__ import annotations

from postmortem_lint.engine.finding import Problem


def fold(kept: list[tuple[str, Problem]]) -> list[tuple[str, Problem]]:
    """The problems, with each group of shared ones at one place folded into the first."""
    groups: dict[tuple[object, ...], list[tuple[str, Problem]]] = {}
    for code, problem in kept:
        if problem.shared is not None:
            key = (problem.shared.subject, problem.shared.advice, problem.span)
            groups.setdefault(key, []).append((code, problem))
    out: list[tuple[str, Problem]] = []
    done: set[tuple[object, ...]] = set()
    for code, problem in kept:
        shared = problem.shared
        if shared is None:
            out.append((code, problem))
            continue
        key = (shared.subject, shared.advice, problem.span)
        group = groups[key]
        if len(group) == 1:
            out.append((code, problem))
        elif key not in done:
            done.add(key)
            out.append(_merged(sorted(group, key=lambda pair: pair[0])))
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
