"""The blame lexicon made ready for matching: inflected word forms and the cheap prefilter.

Nothing here imports spaCy: the prefilter runs on every sentence of every
document, and a warm run must not pay for the parser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from postmortem_lint.ruledata import BlameLexicon

# English irregular verbs the lexicons use (base -> other forms). Prefixed verbs
# (overwrite, misread, rerun) are covered by their base.
_IRREGULAR: dict[str, tuple[str, ...]] = {
    "be": ("am", "is", "are", "was", "were", "been", "being", "'s", "'re", "'m"),
    "have": ("has", "had", "having", "'ve", "'d"),
    "do": ("does", "did", "done", "doing"),
    "forget": ("forgot", "forgotten", "forgetting"),
    "take": ("took", "taken", "taking"),
    "break": ("broke", "broken", "breaking"),
    "bring": ("brought", "bringing"),
    "write": ("wrote", "written", "writing"),
    "hold": ("held", "holding"),
    "run": ("ran", "running"),
    "set": ("setting",),
    "let": ("letting",),
    "put": ("putting",),
    "read": ("reading",),
    "blow": ("blew", "blown"),
    "make": ("made", "making"),
    "go": ("went", "gone", "goes"),
    "lose": ("lost", "losing"),
    "leave": ("left", "leaving"),
    "see": ("saw", "seen", "seeing"),
    "know": ("knew", "known"),
    "get": ("got", "gotten", "getting"),
    "give": ("gave", "given"),
    "tell": ("told",),
    "think": ("thought",),
    "send": ("sent",),
    "keep": ("kept",),
    "throw": ("threw", "thrown"),
    "fall": ("fell", "fallen"),
    "feel": ("felt",),
    "find": ("found",),
    "begin": ("began", "begun", "beginning"),
    "choose": ("chose", "chosen"),
    "speak": ("spoke", "spoken"),
    "strike": ("struck",),
    "pay": ("paid",),
    "say": ("said",),
    "mean": ("meant",),
    "sit": ("sat", "sitting"),
    "shut": ("shutting",),
    "split": ("splitting",),
    "hit": ("hitting",),
    "knock": (),
    "fat-finger": ("fat-fingered", "fat-fingering"),
    "slip": ("slipped", "slipping"),
    "drop": ("dropped", "dropping"),
    "stop": ("stopped", "stopping"),
    "admit": ("admitted",),
    "omit": ("omitted", "omitting"),
    "scan": ("scanned",),
    "plan": ("planned", "planning"),
    "ship": ("shipped", "shipping"),
    "skip": ("skipped", "skipping"),
    "flub": ("flubbed", "flubbing"),
    "bench": ("benched",),
    "dock": ("docked",),
    "spot": ("spotted", "spotting"),
    "commit": ("committed", "committing"),
    "ack": ("acked", "acking"),
    "rerun": ("reran",),
    "overrule": ("overruled",),
    "hang": ("hung",),
}
_PREFIXES = ("over", "mis", "re", "un", "double-", "double ", "fat-")
_VOWELS = set("aeiou")


def inflections(word: str) -> set[str]:
    """Every form of a lower-case word: itself plus verb and plural forms (over-generated)."""
    forms = {word}
    for base, irregular in _IRREGULAR.items():
        if word == base:
            forms.update(irregular)
        for prefix in _PREFIXES:
            if word == prefix + base:
                forms.update(prefix + form for form in irregular)
    if not word[-1:].isalpha():
        return forms
    if word.endswith("e"):
        forms.update({word + "s", word + "d", word[:-1] + "ing"})
    elif word.endswith("y") and len(word) > 2 and word[-2] not in _VOWELS:
        forms.update({word[:-1] + "ies", word[:-1] + "ied", word + "ing"})
    else:
        suffix_es = word.endswith(("s", "x", "z", "ch", "sh"))
        forms.update({word + ("es" if suffix_es else "s"), word + "ed", word + "ing"})
        if (len(word) >= 3 and word[-1] not in _VOWELS | {"w", "x", "y"}
                and word[-2] in _VOWELS and word[-3] not in _VOWELS):
            forms.update({word + word[-1] + "ed", word + word[-1] + "ing"})
    return forms


_WORD = re.compile(r"[A-Za-z\u00C0-\u024F0-9]+(?:['\u2019][A-Za-z]+)?")
_SPLIT = re.compile(r"\s+|(?=-)|(?<=-)")


def phrase_tokens(phrase: str) -> list[str]:
    """How spaCy's tokenizer cuts a lexicon phrase: words and hyphens ("on-call" -> on - call)."""
    return [part for part in _SPLIT.split(phrase.strip().lower()) if part]


def words_of(text: str) -> list[str]:
    """Lower-case words of a sentence for the prefilter (apostrophes normalised)."""
    return [w.lower().replace("\u2019", "'") for w in _WORD.findall(text)]


# Sentence starters that are never a person: a capitalised first word is a person cue
# only when it is not one of these.
_FUNCTION_WORDS = frozenset("""
a an the this that these those there it its we our us in on at after before when while
because since during no nothing all each every both neither if as for to with by from why
how what which who once then later also but and or so however although though until
although yes not some any most many several one two three four five first second third
next finally meanwhile initially overall later root primary impact summary cause action
""".split())


@dataclass(frozen=True)
class CompiledLexicon:
    """The lexicon expanded to word forms, built once per service (cheap, no spaCy)."""

    source: BlameLexicon

    def forms(self, entries: list[str]) -> frozenset[str]:
        """Every inflected form of every single word in the entries (for token tests)."""
        out: set[str] = set()
        for entry in entries:
            for token in phrase_tokens(entry):
                if token != "-":
                    out |= inflections(token)
        return frozenset(out)

    def heads(self, entries: list[str]) -> frozenset[str]:
        """Inflected forms of the first word of each entry (verbs of phrasal entries)."""
        return frozenset(f for entry in entries if phrase_tokens(entry)
                         for f in inflections(phrase_tokens(entry)[0]))

    def lowered(self, entries: list[str]) -> frozenset[str]:
        return frozenset(entry.lower() for entry in entries)

    # -- the prefilter ------------------------------------------------------------------
    @cached_property
    def strong(self) -> frozenset[str]:
        """A word that alone sends a sentence to the parser."""
        lex = self.source
        words: set[str] = set()
        for entries in (lex.failure_verbs, lex.damage_verbs, lex.fault_nouns, lex.judgment_words,
                        lex.hindsight_adverbs, lex.discipline_verbs):
            for entry in entries:
                tokens = [t for t in phrase_tokens(entry) if t != "-"]
                if tokens and tokens[0] in ("fail", "drop", "take", "bring", "knock", "blow",
                                            "set", "start", "mess", "screw", "slip", "lose"):
                    continue  # too common alone; handled as a weak cue with a person cue
                if tokens and tokens[0] == "error":
                    continue
                words |= inflections(tokens[0]) if tokens else set()
        for entries in (lex.judgment_phrases, lex.counterfactual_judgments,
                        lex.discipline_phrases, lex.human_error_phrases):
            for entry in entries:
                tokens = [t for t in phrase_tokens(entry) if t != "-"]
                # the rarest word of a phrase is enough: its last content word
                if tokens:
                    words |= inflections(max(tokens, key=len))
        words |= {"should", "ought", "should've", "shouldve", "culprit", "blame", "blamed",
                  "accountable", "simply", "merely", "supposed"}
        return frozenset(words - _COMMON)

    @cached_property
    def weak(self) -> frozenset[str]:
        """Words that send a sentence to the parser only with a person cue."""
        lex = self.source
        words: set[str] = set()
        for entries in (lex.failure_verbs, lex.damage_verbs, lex.cause_verbs, lex.negated_verbs,
                        lex.cause_links, lex.cause_nouns, lex.wrong_words, lex.minimisers):
            for entry in entries:
                tokens = [t for t in phrase_tokens(entry) if t != "-"]
                if tokens:
                    words |= inflections(tokens[0])
        words |= {"not", "never", "n't", "didn't", "did't", "don't", "hadn't", "wasn't",
                  "weren't", "couldn't", "wouldn't", "doesn't", "haven't", "hasn't", "had",
                  "if", "could", "error", "errors", "responsible", "because", "due", "down",
                  "result", "made", "make", "all"}
        return frozenset(words)

    @cached_property
    def person_words(self) -> frozenset[str]:
        lex = self.source
        words: set[str] = set()
        for entries in (lex.people, lex.roles, lex.teams, lex.team_heads):
            for entry in entries:
                words |= {t for t in phrase_tokens(entry) if t != "-"}
        return frozenset(inflections_all(words))

    def needs_parse(self, sentence: str, *, cause_context: bool = False) -> bool:
        """The prefilter: could the parser find blame (or, in a cause section, a person)?"""
        words = words_of(sentence)
        if not words:
            return False
        lowered = set(words)
        if not cause_context and lowered & self.strong:
            return True
        person = self._person_cue(sentence, lowered)
        if cause_context:
            return person
        return person and bool(lowered & self.weak)

    def _person_cue(self, sentence: str, lowered: set[str]) -> bool:
        if lowered & self.person_words:
            return True
        for index, match in enumerate(_WORD.finditer(sentence)):
            word = match.group()
            if word[:1].isupper() and word.lower() not in _FUNCTION_WORDS and (
                    index > 0 or not word.isupper()):
                return True
        return False


_COMMON = frozenset({"the", "a", "to", "of", "up", "off", "on", "by", "as", "in", "be", "been",
                     "have", "had", "has"})


def inflections_all(words: set[str]) -> set[str]:
    out: set[str] = set()
    for word in words:
        out |= inflections(word)
    return out
