"""The prefilter: whether a sentence could hold blame, read from the vocabulary without a parse.

Nothing here imports spaCy: the prefilter runs on every sentence of every
document, and a warm run must not pay for the parser.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from postmortem_lint.nlp.vocabulary import Vocabulary, phrase_tokens, verb_index, vocabulary
from postmortem_lint.ruledata import BlameLexicon

_ON_CALL = re.compile(r"\bon[- ]?call\b", re.IGNORECASE)
_HANDLE = re.compile(r"(?<![\w.])@[A-Za-z0-9][\w-]+")
_WORD = re.compile(r"[A-Za-z\u00C0-\u024F0-9]+(?:['\u2019][A-Za-z]+)?")
# Constructions the parser reads as blame that no single cue word announces.
_PATTERN_CUES = tuple(re.compile(pattern, re.IGNORECASE) for pattern in (
    r"\bit (?:was|is|'s)\b.{1,100}?\b(?:that|who)\b",  # "It was X's change that broke…"
    r"\b(?:this|that|it)(?: \w+)?(?: is| was|'s|\u2019s) (?:\w+ )?on\b",  # "This one is on X"
    r"\bon\b.{1,40}?\bnot on\b",  # "is on the <team>, not on the tooling"
    r"\b(?:anyone|anybody|even)\b.{1,60}?\bwould(?: have|'ve)\b",  # "anyone … would have"
    r"\b(?:all|nothing)\b.{0,30}?\b(?:took|taken|takes|needed|required)\b.{0,10}?\bfor\b",
    r"\bas (?:simple|easy|trivial|straightforward) as\b",
    r"\bwhat\b.{1,60}?\b(?:was|is)\b",  # "What took down X was…", "X is what broke…"
    r"(?:\bwould|'d|\u2019d)(?: have|'ve|\u2019ve)? taken?\b",  # "it would have taken X…"
    r"^\W*were\b.{1,40}?\bto (?:have|'ve)\b",  # "Were Mikko to have checked…"
    r"\b(?:avoided|prevented|happens)\b.{0,20}\bif\b",  # "the outage is avoided if X waits"
    r"\b(?:were|had|if) it (?:(?:was|were)(?:n't| not) |not )(?:been )?for\b",  # "were it not for"
    r"\b(?:quick|simple|single|one|cursory|brief)\b.{1,60}?\bwould(?: have|'ve|\u2019ve)\b",
))


def _alt(words: Iterable[str]) -> str:
    """The words as one regex alternation ("a|b|c"), escaped and in a stable order."""
    return "|".join(sorted(re.escape(word) for word in words))


def words_of(text: str) -> list[str]:
    """Lower-case words of a sentence for the prefilter (apostrophes normalised; a word
    with a clitic also counts without it: "intern's" -> "intern's", "intern")."""
    out = []
    for word in _WORD.findall(text):
        word = word.lower().replace("\u2019", "'")
        out.append(word)
        if "'" in word:
            out.append(word.split("'", 1)[0])
    return out


@dataclass(frozen=True)
class CompiledLexicon:
    """The lexicon expanded to word forms, built once per service (cheap, no spaCy)."""

    source: BlameLexicon

    @cached_property
    def vocabulary(self) -> Vocabulary:
        return vocabulary(self.source)

    # -- the prefilter ------------------------------------------------------------------
    # A sentence goes to the parser when the parser could find blame in it. Rare cue words
    # (forgot, sloppy, reprimanded) are enough alone; multi-word cues (drop the ball, human
    # error, held accountable) need all their words; common words (failed, because, error,
    # just, should… have, not… check) count only when the sentence also names someone.
    @cached_property
    def _cues(self) -> tuple[frozenset[str], dict[str, list[_Phrase]],
                             frozenset[str], dict[str, list[_Phrase]]]:
        lex = self.source
        v = self.vocabulary
        w = v.w
        inflections = v.inflect
        gated_words = v.w.gated_words
        strong: set[str] = set()
        phrases: dict[str, list[_Phrase]] = {}
        gated: set[str] = set()
        gated_phrases: dict[str, list[_Phrase]] = {}

        def add(entries: list[str], *, verb: bool, person: bool, matched: bool = False) -> None:
            for entry in entries:
                raw = phrase_tokens(entry)
                tokens = [t for t in raw if t != "-"]
                if not tokens:
                    continue
                inflected = 1 if verb_index(raw) else 0  # (the hyphen is left out here)
                if len(tokens) == 1:
                    forms = inflections(tokens[0])
                    (gated if person or tokens[0] in gated_words else strong).update(forms)
                    continue
                sets = tuple(frozenset(inflections(t)) if (verb and i == inflected) or (
                    not verb and i == len(tokens) - 1) else frozenset({t})
                    for i, t in enumerate(tokens))
                index = max(range(len(tokens)), key=lambda i: len(tokens[i]))
                target = gated_phrases if person or tokens[0] in gated_words else phrases
                for form in sets[index]:
                    target.setdefault(form, []).append((matched, sets))

        add(lex.failure_verbs, verb=True, person=False, matched=True)
        add(lex.damage_verbs, verb=True, person=True, matched=True)
        add(lex.cause_verbs, verb=True, person=True)
        add(lex.wrong_words, verb=False, person=True)
        add(lex.cause_links, verb=True, person=True, matched=True)
        add(lex.cause_nouns, verb=False, person=True)
        add(lex.fault_nouns, verb=False, person=False, matched=True)
        add(lex.judgment_words, verb=False, person=False, matched=True)
        add(lex.judgment_phrases, verb=True, person=False, matched=True)
        add(lex.counterfactual_judgments, verb=True, person=False, matched=True)
        add(lex.grammar.get("negated_judgments", []), verb=True, person=True, matched=True)
        add(lex.hindsight_adverbs, verb=False, person=True)
        add(lex.minimisers, verb=False, person=True)
        add(lex.discipline_phrases, verb=True, person=True, matched=True)
        add(lex.discipline_verbs, verb=True, person=True)
        add(lex.human_error_phrases, verb=False, person=False, matched=True)
        gated.update(v.w.gated_cues)
        # the words of the constructions the patterns find (see blame/patterns.py)
        for group in (w.sit_verbs, w.privileges, w.engagements, w.forced_through_verbs,
                      w.answer_verbs, w.accident_adverbs, w.conduct_nouns, w.hindsight_nouns,
                      w.transform_verbs, w.ideal_adverbs, w.personnel_words, w.fitness_words):
            gated.update(group)
        return frozenset(strong), phrases, frozenset(gated), gated_phrases

    @cached_property
    def _diligence(self) -> frozenset[str]:
        return self.vocabulary.negated

    @cached_property
    def person_words(self) -> frozenset[str]:
        """Words that name a person, role or team (and their plurals); of a multi-word role
        only its last word ("release manager" -> manager)."""
        lex = self.source
        words: set[str] = set()
        for entries in (lex.people, lex.roles, lex.teams, lex.team_heads):
            for entry in entries:
                tokens = [t for t in phrase_tokens(entry) if t != "-"]
                if len(tokens) == 1 or tokens and \
                        tokens[-1] not in self.vocabulary.w.not_person_tails:
                    words.add(tokens[-1])
        plurals = {w + ("es" if w.endswith(("s", "x", "ch", "sh")) else "s")
                   for w in words if len(w) > 2}
        return frozenset(words | plurals)

    def needs_parse(self, sentence: str, *, cause_context: bool = False) -> bool:
        """The prefilter: could the parser find blame (or, in a cause section, a person)?"""
        ordered = words_of(sentence)
        words = set(ordered)
        if not words:
            return False
        person = self._person_cue(sentence, words)
        if cause_context:
            return person
        if person and self._cause_label.match(sentence):
            return True
        strong, phrases, gated, gated_phrases = self._cues
        if words & strong or _has_phrase(words, phrases, ordered):
            return True
        if words & self._human_error_modifiers and words & self._fault_forms and \
                _before(ordered, self._modifier_parts, self._fault_forms):
            return True  # "a manual slip": the modifier comes before the fault noun
        if words & self._fault_forms and self._unnamed_fault.search(sentence):
            return True
        if not person:
            return False
        w = self.vocabulary.w
        if _fault_cues(words & gated, ordered, w.metric_modifiers, w.metrics) or \
                _has_phrase(words, gated_phrases, ordered):
            return True
        if words & w.negations and words & self._diligence:
            return True
        if words & self._undone:  # "went unheeded by <someone>"
            return True
        if ("without" in words or words & w.set_aside_words) and words & self._diligence:
            return True  # "without checking", "instead of checking"
        if words & w.modals and words & w.perfect_have:
            return True
        return any(pattern.search(sentence) for pattern in self._pattern_cues)

    @cached_property
    def _cause_label(self) -> re.Pattern[str]:
        """A sentence that opens with its own cause label ("Root cause (5th why): …",
        "Contributing factor #1: …") is a cause statement wherever it is written."""
        labels = _alt(self.source.cause_labels)
        return re.compile(rf"\W{{0,4}}(?:{labels})(?:\s*\([^)]{{0,30}}\)|\s*#?\d{{1,2}})?"
                          rf"\W{{0,3}}\s*[:\u2014]", re.IGNORECASE)

    @cached_property
    def _pattern_cues(self) -> tuple[re.Pattern[str], ...]:
        """The fixed constructions, and an imagined better colleague: "a competent engineer
        would…", "nobody with any experience would…"."""
        w = self.vocabulary.w
        better = _alt(w.competent_words | w.competence_nouns)
        began = _alt(w.start_verbs | w.down_words)
        when = _alt(w.time_marks)
        moved = _alt(w.off_rotation_verbs)
        off = _alt(w.from_off)
        damage = _alt(self.vocabulary.damage_nouns)
        rotation = _alt(w.rotation_words - w.assignment_words)
        destroy = _alt(w.destructive_verbs)
        credit = _alt(w.credit_words)
        harm = _alt(w.harm_verbs)
        accountable = _alt(w.accountable_words)
        trivial = _alt(w.trivial_words)
        would = _alt(w.would_forms)
        data = _alt(w.data_nouns)
        believing = _alt(word for word in w.belief_verbs if word.endswith("ing"))
        return (*_PATTERN_CUES, *self._form_cues,
                # "…thinking it was <another thing>": an act on a mistaken belief
                re.compile(rf"\b(?:{believing})\s+(?:it|that|this|they)\b", re.IGNORECASE),
                # "dropped the <name> schema": data destroyed
                re.compile(rf"\b(?:{destroy})\b(?:\s+\S+){{0,3}}?\s+(?:{data})\b",
                           re.IGNORECASE),
                # "thanks to X's failover, the data diverged": credit for what happened
                re.compile(rf"\b(?:{credit})\s+to\b", re.IGNORECASE),
                # "the <live> table was dropped by <someone>": data destroyed, by whom
                re.compile(rf"\b(?:{destroy})\s+by\b", re.IGNORECASE),
                # "the rule that blocked <the API> was added by <someone>", "the commit
                # responsible was merged by <someone>": who made what did the damage
                re.compile(rf"\b(?:that|which)\s+(?:\w+\s+)?(?:{harm})\b.{{1,80}}?\bby\b",
                           re.IGNORECASE),
                re.compile(rf"\b(?:{accountable})\b.{{0,40}}?\bby\b", re.IGNORECASE),
                # "<someone>'s script deleted…", "…'s migration locked…": someone's work
                # destroying or harming something
                re.compile(rf"['\u2019]s\b.{{1,70}}?\b(?:{destroy}|{harm})\b", re.IGNORECASE),
                re.compile(rf"\b(?:{better})\b.{{1,60}}?\bwould\b", re.IGNORECASE),
                # "a quick look by <someone> would have shown it"
                re.compile(rf"\b(?:{trivial})\b.{{1,80}}?\b(?:{would})\s+have\b",
                           re.IGNORECASE),
                # "<the damage> began when X…", "went down after X…"
                re.compile(rf"\b(?:{began})\b.{{0,40}}?\b(?:{when})\b", re.IGNORECASE),
                # "was moved off the <team>": a person taken off their work
                re.compile(rf"\b(?:{moved})\s+(?:{off})\b", re.IGNORECASE),
                # "the problem was <someone> copying…"
                re.compile(rf"\b(?:{damage})\s+(?:is|was|were)\s+(?:\S+\s+){{1,3}}?\w+ing\b",
                           re.IGNORECASE),
                # "the outage was on <someone>"
                re.compile(rf"\b(?:{damage})\s+(?:is|was|are|were)\s+(?:\w+\s+)?on\b",
                           re.IGNORECASE),
                # "will no longer be on the <rotation>"
                re.compile(rf"\bno longer\b.{{1,40}}?\b(?:{rotation})\b", re.IGNORECASE))

    @cached_property
    def _form_cues(self) -> tuple[re.Pattern[str], ...]:
        """The grammatical forms whose words are common alone: "needs to stop deploying",
        "squarely on", "without a review", "X's failure", "more care from", "a bad call"."""
        w = self.vocabulary.w
        return tuple(re.compile(pattern, re.IGNORECASE) for pattern in (
            # told to: "needs to stop deploying", "must start checking"
            rf"\b(?:to|{_alt(w.directive_modals)})\s+"
            rf"(?:{_alt(frozenset(self.source.grammar['habit_verbs']))})\s+\w+ing\b",
            rf"\b(?:{_alt(w.placement_adverbs)})\s+on\b",
            # "allowed to expire by <someone>"
            rf"\b(?:{_alt(w.permit_verbs)})\s+to\s+(?:{_alt(w.lapse_verbs)})\b.{{1,40}}?\bby\b",
            # told to check first: "<Name> must verify the region before applying"
            rf"\b(?:{_alt(w.directive_modals)})\b.{{1,80}}?\b(?:{_alt(w.precondition_words)})\b",
            rf"\bwithout\s+(?:\w+\s+){{0,2}}?(?:{_alt(w.safeguard_nouns)})\b",
            rf"['\u2019]s\s+(?:{_alt(w.shared_faults)})\b",
            rf"\b(?:{_alt(w.comparative_words)})\s+(?:{_alt(w.care_nouns)})\b",
            rf"\b(?:{_alt(w.poor_words)})\s+(?:{_alt(w.choice_nouns)})\b"))

    @cached_property
    def _unnamed_fault(self) -> re.Pattern[str]:
        """"an error was made": a mistake with the person left out (no one is named)."""
        faults = _alt(self._fault_forms)
        made = _alt(self.vocabulary.w.make_verbs)
        return re.compile(rf"\b(?:{faults})\s+(?:was|were|(?:has|have|had) been)\s+"
                          rf"(?:{made})\b", re.IGNORECASE)

    @cached_property
    def _undone(self) -> frozenset[str]:
        return frozenset("un" + form for form in self._diligence)

    @cached_property
    def _human_error_modifiers(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.source.human_error_modifiers)

    @cached_property
    def _modifier_parts(self) -> frozenset[str]:
        """The human-error modifiers and the words of hyphenated ones ("hand-typed")."""
        return self._human_error_modifiers | frozenset(
            part for modifier in self._human_error_modifiers
            for part in phrase_tokens(modifier) if part != "-")

    @cached_property
    def _fault_forms(self) -> frozenset[str]:
        return self.vocabulary.forms(self.source.fault_nouns)

    def names_someone(self, sentence: str) -> bool:
        """Whether the sentence may name someone (a role, a pronoun, a capitalised name)."""
        words = set(words_of(sentence))
        return bool(words) and self._person_cue(sentence, words)

    def _person_cue(self, sentence: str, words: set[str]) -> bool:
        """Does the sentence name someone: a role, a pronoun, or a capitalised name?"""
        if words & self.person_words:
            return True
        if "call" in words and _ON_CALL.search(sentence):  # "the weekend on-call"
            return True
        if "@" in sentence and _HANDLE.search(sentence):  # an @handle
            return True
        safe = self._safe
        w = self.vocabulary.w
        if words & w.anybody and words & w.relative_pronouns:
            return True  # "anyone who…": whoever does something
        if words & w.implicated_heads and words & w.implicated:
            return True  # "those involved", "everyone responsible"
        if words & w.group_nouns and words & w.group_teams:
            return True  # "the networking group"
        for index, match in enumerate(_WORD.finditer(sentence)):
            word = match.group()
            if not word[:1].isupper() or word.isupper() or "'" in word[1:-2]:
                continue
            lower = word.lower().split("'")[0].split("\u2019")[0]
            if lower in w.function_words or lower in safe:
                continue
            if index == 0 and (lower.endswith(self._suffixes) or lower in w.imperatives):
                continue
            return True
        return False

    @cached_property
    def _suffixes(self) -> tuple[str, ...]:
        return tuple(sorted(self.vocabulary.w.common_noun_suffixes))

    @cached_property
    def _safe(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.source.safe_subjects)


def _fault_cues(cues: set[str], ordered: list[str], modifiers: frozenset[str],
                metrics: frozenset[str]) -> set[str]:
    """The gated cue words, without "error(s)" where every one names a metric ("error rate
    9%", "the error budget"): a compound modifier of a measure, never a fault someone owns
    (the possessive reading needs "error" to head its noun phrase). Timeline rows often
    pair an error rate with the on-call engineer; they need no parse."""
    metric_words = cues & modifiers
    if not metric_words:
        return cues
    for index, word in enumerate(ordered):
        if word in metric_words and (index + 1 == len(ordered) or
                                     ordered[index + 1] not in metrics):
            metric_words = metric_words - {word}
    return cues - metric_words


def _has_phrase(words: set[str], index: dict[str, list[_Phrase]], ordered: list[str]) -> bool:
    """Whether the sentence has every word of a phrase. A phrase only the Matcher reads
    must also have them in its order (the Matcher matches a phrase's tokens in order:
    "error rate … the on-call engineer" cannot match "engineer error"); the words of other
    phrases (cause verbs and nouns, discipline verbs) are also read one by one."""
    for word in words:
        for matched, phrase in index.get(word, ()):
            if all(words & forms for forms in phrase) and (
                    not matched or _in_order(ordered, phrase)):
                return True
    return False


def _in_order(ordered: list[str], phrase: tuple[frozenset[str], ...]) -> bool:
    position = 0
    for forms in phrase:
        while position < len(ordered) and ordered[position] not in forms:
            position += 1
        if position == len(ordered):
            return False
        position += 1
    return True


def _before(ordered: list[str], first: frozenset[str], then: frozenset[str]) -> bool:
    """Whether a word of ``first`` comes before a word of ``then``."""
    seen = False
    for word in ordered:
        if seen and word in then:
            return True
        seen = seen or word in first
    return False


# A lexicon phrase as the prefilter sees it: whether only the Matcher reads it (so its words
# must come in order), and the forms each of its words may take.
_Phrase = tuple[bool, tuple[frozenset[str], ...]]
