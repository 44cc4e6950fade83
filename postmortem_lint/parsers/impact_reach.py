"""Who the impact statement says was affected: customers, revenue, or neither
(``impact_classes`` and ``impact_negations``, ``rules/severity.yaml``)."""

from __future__ import annotations

import re

from postmortem_lint.model import Located, Postmortem, ProseRole
from postmortem_lint.parsers.sentences import sentences
from postmortem_lint.phrases import find_phrases, has_phrase
from postmortem_lint.ruledata import RuleData

# A short "Label:" that opens a line names the topic, not who was affected.
_LABEL = re.compile(r"^\W{0,3}[A-Za-z][\w /-]{0,30}:\s")


def read_impact_reach(doc: Postmortem, data: RuleData) -> None:
    reach = doc.impact_reach
    texts = [prose for prose in doc.impact.text if prose.role is not ProseRole.heading]
    seen = {id(prose) for prose in texts}
    texts += [prose for prose in doc.prose if prose.section == "impact" and id(prose) not in seen
              and prose.role is not ProseRole.heading]  # "Impact on users" is a title
    revenue = doc.impact.revenue
    reach.read = bool(texts or revenue)
    if revenue is not None:  # a Revenue field: "$18,000 in failed checkouts", or "none"
        text = revenue.raw or str(revenue.value)
        said = Located(value=text, span=revenue.span, raw=text)
        reach.mentioned.append(said)
        denied = text.strip().lower() in data.empty_values or has_phrase(
            text, data.impact_negations)
        (reach.denied if denied else reach.revenue).append(said)
    customer_words = data.impact_classes.get("customer", [])
    revenue_words = data.impact_classes.get("revenue", [])
    for sentence in sentences(sorted(texts, key=lambda prose: prose.whole.line)):
        said = Located(value=sentence.text, span=sentence.whole, raw=sentence.text)
        if has_phrase(sentence.text, [*customer_words, *revenue_words]):
            reach.mentioned.append(said)
        text = _without(_LABEL.sub("", sentence.text), data.impact_not_people)
        names_customer = has_phrase(text, customer_words)
        names_revenue = has_phrase(text, revenue_words)
        if not (names_customer or names_revenue):
            continue
        if has_phrase(text, data.impact_negations):
            reach.denied.append(said)
            if names_customer:
                reach.denied_customer.append(said)
            continue
        if names_customer:
            reach.customer.append(said)
        if names_revenue:
            reach.revenue.append(said)


def _without(text: str, phrases: list[str]) -> str:
    """The text with each phrase blanked out (offsets kept)."""
    for start, end in reversed(list(find_phrases(text, phrases))):
        text = text[:start] + " " * (end - start) + text[end:]
    return text
