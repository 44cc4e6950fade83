"""The incident's cost as amounts with their currency ("$12,400 in SLA credits"), read from
a Cost field, an incident-cost section, the revenue field, and the impact and summary
(words and currencies in ``rules/cost.yaml``)."""

from __future__ import annotations

import re
from functools import cache

from postmortem_lint.model import Located, Postmortem, Prose
from postmortem_lint.model.practices import Money
from postmortem_lint.parsers.sentences import sentences
from postmortem_lint.phrases import find_phrases, has_phrase
from postmortem_lint.ruledata import RuleData

# A match starts only where a number starts: a long run of digits is read once, not once
# per position (linear time).
_NUMBER = r"(?<![\d,.])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_MULTIPLIER = r"(?:\s?(?P<mult>thousand|million|billion|bn|mm|k|m)(?![a-z]))?"
_MULTIPLIERS = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mm": 1e6, "million": 1e6,
                "bn": 1e9, "billion": 1e9}
_COST_SECTIONS = frozenset(("cost", "impact", "summary"))


def money_pattern(data: RuleData) -> re.Pattern[str]:
    """Amounts of money with a currency from the rule data: the one reading of money."""
    return _compiled_money(tuple(data.currencies))


@cache
def _compiled_money(currencies: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern per currency list: amounts written with a currency before or after."""
    symbols = sorted((c for c in currencies if not c.isalpha()), key=len, reverse=True)
    words = sorted((c for c in currencies if c.isalpha()), key=len, reverse=True)
    before = "|".join([*(re.escape(s) for s in symbols), *(rf"\b{w}\b" for w in words)])
    after = "|".join(rf"\b{w}\b" for w in words)
    return re.compile(rf"(?:(?P<pre>{before})\s?){_NUMBER}{_MULTIPLIER}"
                      rf"|{_NUMBER.replace('num', 'num2')}"
                      rf"{_MULTIPLIER.replace('mult', 'mult2')}\s?(?P<post>{after})",
                      re.IGNORECASE)


def find_money(prose: Prose, data: RuleData, default_kind: str | None = None) -> list[Money]:
    """Every amount with a currency in a text; its kind is the cost word nearest before it
    on its line (else after it, else ``default_kind``)."""
    out = []
    for match in money_pattern(data).finditer(prose.text):
        currency_text = (match.group("pre") or match.group("post") or "").lower()
        number = match.group("num") or match.group("num2")
        multiplier = (match.group("mult") or match.group("mult2") or "").lower()
        amount = float(number.replace(",", "")) * _MULTIPLIERS.get(multiplier, 1)
        currency: str | None = data.currencies.get(currency_text) or data.currencies.get(
            currency_text.upper())
        line_start = prose.text.rfind("\n", 0, match.start()) + 1
        line_end = prose.text.find("\n", match.end())
        before = prose.text[line_start:match.start()]
        after = prose.text[match.end():line_end if line_end >= 0 else len(prose.text)]
        kind = _kind(before, data, last=True) or _kind(after, data) or default_kind
        out.append(Money(amount=round(amount, 2), currency=currency, kind=kind,
                         span=prose.span(*match.span()), raw=match.group(0)))
    return out


def _kind(text: str, data: RuleData, last: bool = False) -> str | None:
    best: tuple[int, str] | None = None
    for kind, words in data.cost_kinds.items():
        for start, _end in find_phrases(text, words):
            if best is None or (start > best[0] if last else start < best[0]):
                best = (start, kind)
    return best[1] if best else None


def read_cost(doc: Postmortem, data: RuleData) -> None:
    cost = doc.incident_cost
    fields = [(located, "total") for located in (doc.meta.cost,) if located is not None]
    fields += [(located, "revenue") for located in (doc.impact.revenue,) if located is not None]
    texts: list[tuple[Prose, str | None]] = []
    for located, field_kind in fields:
        texts.append((Prose(text=located.raw or str(located.value),
                            runs=[(0, located.span.line, located.span.column)]), field_kind))
    for section in doc.sections:
        if section.kind == "cost":
            texts += [(prose, "total") for prose in section.body]
    seen = {id(prose) for prose, _ in texts}
    texts += [(prose, None) for prose in [*doc.impact.text, *doc.prose]
              if id(prose) not in seen and prose.section in _COST_SECTIONS]
    severity = doc.meta.severity
    if severity is not None and severity.raw:  # "High (capability); no realised harm"
        texts.append((Prose(text=severity.raw, runs=[(0, severity.span.line,
                                                     severity.span.column)]), None))
    for prose, kind in texts:
        for sentence in sentences([prose]):
            if cost.near_miss is None and has_phrase(sentence.text, data.near_miss):
                cost.near_miss = Located(value=sentence.text, span=sentence.whole,
                                         raw=sentence.text)
            named = _kind(sentence.text, data)
            if kind is None and named is None:
                continue
            if cost.described is None and (kind is not None or named != "total"):
                cost.described = Located(value=sentence.text, span=sentence.whole,
                                         raw=sentence.text)
            cost.amounts += [money for money in find_money(sentence, data, kind)
                             if money.span not in {m.span for m in cost.amounts}]
            if cost.declined is None and has_phrase(sentence.text, data.cost_declined):
                cost.declined = Located(value=sentence.text, span=sentence.whole,
                                        raw=sentence.text)
            if cost.none_stated is None and has_phrase(sentence.text, data.cost_none):
                cost.none_stated = Located(value=sentence.text, span=sentence.whole,
                                           raw=sentence.text)
