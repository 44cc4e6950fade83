"""How the incident was found, read from a Detection field or section, the timeline and
the summary (phrases in ``detection_methods``, ``rules/detection.yaml``)."""

from __future__ import annotations

from postmortem_lint.model import Phase, Postmortem, Prose
from postmortem_lint.model.practices import DetectionMethod, DetectionStatement
from postmortem_lint.parsers.sentences import outside_lists, sentences
from postmortem_lint.phrases import find_phrases, has_phrase
from postmortem_lint.ruledata import RuleData

# Within one sentence a report from outside wins: "customers reported errors before the
# alert fired" was found by customers.
_PRIORITY = (DetectionMethod.customer, DetectionMethod.outsider, DetectionMethod.monitoring,
             DetectionMethod.internal)
# Sections that plan or reflect instead of telling how this incident was found.
_NOT_NARRATIVE = frozenset(("action_items", "prevention", "follow_up", "appendix", "lessons",
                            "went_well", "went_wrong", "got_lucky", "detection", "timeline"))


def classify(text: str, data: RuleData, words: bool = False) -> DetectionMethod | None:
    """The detection method a text states; with ``words``, also the bare words a
    Detection field is filled with ("Monitoring", "Customer report")."""
    lexicons = [data.detection_methods] + ([data.detection_field_words] if words else [])
    for lexicon in lexicons:
        for method in _PRIORITY:
            if next(find_phrases(text, lexicon.get(method.value, [])), None) is not None:
                return method
    return None


def read_detection_field(doc: Postmortem, prose: Prose, data: RuleData) -> None:
    doc.detection.declared = doc.detection.declared or prose.whole
    method = classify(prose.text, data, words=True)
    if method is not None:
        doc.detection.statements.insert(0, DetectionStatement(
            method=method, span=prose.whole, raw=prose.text.strip(), source="field"))


def read_detection(doc: Postmortem, data: RuleData) -> None:
    """Every detection statement after the field's: the Detection section, the timeline up
    to its first detection entry, the summary, then other narrative."""
    detection = doc.detection
    found = detection.statements
    for section in doc.sections:
        if section.kind == "detection" and doc.has_text(section):
            detection.declared = detection.declared or section.title.span
            found += _statements(section.body, data, "section")
    for entry in doc.timeline.entries:  # the first entry that says how it was found
        said = _statements([entry.text], data, "timeline")[:1]
        found += said
        if said or Phase.detection in entry.phases or entry.phase is Phase.detection:
            break
    found += _statements(doc.summary, data, "summary")
    summary = {id(prose) for prose in doc.summary}
    others = [prose for prose in outside_lists(doc, doc.prose) if id(prose) not in summary
              and prose.section not in _NOT_NARRATIVE and prose.section != "summary"]
    found += _statements(others, data, "prose")
    # A "Detection:" field line is also narrative text: keep one statement per line.
    first_on_line: dict[int, DetectionStatement] = {}
    for statement in found:
        first_on_line.setdefault(statement.span.line, statement)
    found[:] = list(first_on_line.values())
    if not found:
        cues = tuple(data.detection_cues)
        detection.mentioned = next((sentence.whole for sentence in sentences(
            prose for prose in doc.prose if has_phrase(prose.text, cues))
            if has_phrase(sentence.text, cues)), None)


def _statements(texts: list[Prose], data: RuleData, source: str) -> list[DetectionStatement]:
    phrases = tuple(phrase for words in data.detection_methods.values() for phrase in words)
    out = []
    candidates = [prose for prose in texts if has_phrase(prose.text, phrases)]
    for sentence in sentences(candidates):  # split only the texts that can match
        method = classify(sentence.text, data)
        if method is not None:
            out.append(DetectionStatement(method=method, span=sentence.whole,
                                          raw=sentence.text, source=source))
    return out
