"""The blame lexicon made ready for matching: inflected word forms and the cheap prefilter.

Nothing here imports spaCy: the prefilter runs on every sentence of every
document, and a warm run must not pay for the parser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property

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
    "sleep": ("slept",),
    "catch": ("caught", "catching"),
}
_PREFIXES = ("over", "mis", "re", "un", "double-", "double ", "fat-")
_VOWELS = set("aeiou")


@cache
def _irregular() -> dict[str, tuple[str, ...]]:
    """Irregular forms by word, prefixed verbs included (overwrite -> overwrote…)."""
    table = dict(_IRREGULAR)
    for base, forms in _IRREGULAR.items():
        for prefix in _PREFIXES:
            table.setdefault(prefix + base, tuple(prefix + form for form in forms))
    return table


@cache
def inflections(word: str) -> frozenset[str]:
    """Every form of a lower-case word: itself plus verb and plural forms (over-generated)."""
    forms = {word, *_irregular().get(word, ())}
    if not word[-1:].isalpha():
        return frozenset(forms)
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
    return frozenset(forms)


_ON_CALL = re.compile(r"\bon[- ]?call\b", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z\u00C0-\u024F0-9]+(?:['\u2019][A-Za-z]+)?")
_SPLIT = re.compile(r"\s+|(?=-)|(?<=-)")


@cache
def phrase_tokens(phrase: str) -> tuple[str, ...]:
    """How spaCy's tokenizer cuts a lexicon phrase: words and hyphens ("on-call" -> on - call)."""
    return tuple(part for part in _SPLIT.split(phrase.strip().lower()) if part)


# Constructions the parser reads as blame that no single cue word announces.
_PATTERN_CUES = tuple(re.compile(pattern, re.IGNORECASE) for pattern in (
    r"\bit (?:was|is|'s)\b.{1,100}?\b(?:that|who)\b",  # "It was X's change that broke…"
    r"\b(?:this|that|it)(?: \w+)? (?:is|was|'s) (?:\w+ )?on\b",  # "This one is on X"
    r"\b(?:anyone|anybody|even)\b.{1,60}?\bwould(?: have|'ve)\b",  # "anyone … would have"
    r"\b(?:all|nothing)\b.{0,30}?\b(?:took|taken|takes|needed|required)\b.{0,10}?\bfor\b",
    r"\bas (?:simple|easy|trivial|straightforward) as\b",
    r"\bwhat\b.{1,60}?\b(?:was|is)\b",  # "What took down X was…", "X is what broke…"
    r"\bit(?: would|'d|\u2019d)(?: have|'ve|\u2019ve)? taken?\b",  # "it would have taken X…"
    r"^\W*were\b.{1,40}?\bto (?:have|'ve)\b",  # "Were Mikko to have checked…"
    r"\b(?:avoided|prevented|happens)\b.{0,20}\bif\b",  # "the outage is avoided if X waits"
    r"\b(?:quick|simple|single|one|cursory|brief)\b.{1,60}?\bwould(?: have|'ve|\u2019ve)\b",
))
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


# Sentence starters that are never a person: a capitalised first word is a person cue
# only when it is not one of these.
_FUNCTION_WORDS = frozenset((
    "a", "an", "the", "this", "that", "these", "those", "there", "it", "its", "we", "our",
    "us", "in", "on", "at", "after", "before", "when", "while", "because", "since", "during",
    "no", "nothing", "all", "each", "every", "both", "neither", "if", "as", "for", "to",
    "with", "by", "from", "why", "how", "what", "which", "who", "once", "then", "later",
    "also", "but", "and", "or", "so", "however", "although", "though", "until", "although",
    "yes", "not", "some", "any", "most", "many", "several", "one", "two", "three", "four",
    "five", "first", "second", "third", "next", "finally", "meanwhile", "initially", "overall",
    "later", "root", "primary", "impact", "summary", "cause", "action",
))


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
    # A sentence goes to the parser when the parser could find blame in it. Rare cue words
    # (forgot, sloppy, reprimanded) are enough alone; multi-word cues (drop the ball, human
    # error, held accountable) need all their words; common words (failed, because, error,
    # just, should… have, not… check) count only when the sentence also names someone.
    @cached_property
    def _cues(self) -> tuple[frozenset[str], dict[str, list[_Phrase]],
                             frozenset[str], dict[str, list[_Phrase]]]:
        lex = self.source
        strong: set[str] = set()
        phrases: dict[str, list[_Phrase]] = {}
        gated: set[str] = set()
        gated_phrases: dict[str, list[_Phrase]] = {}

        def add(entries: list[str], *, verb: bool, person: bool, matched: bool = False) -> None:
            for entry in entries:
                tokens = [t for t in phrase_tokens(entry) if t != "-"]
                if not tokens:
                    continue
                if len(tokens) == 1:
                    forms = inflections(tokens[0])
                    (gated if person or tokens[0] in _GATED_WORDS else strong).update(forms)
                    continue
                sets = tuple(frozenset(inflections(t)) if (verb and i == 0) or (
                    not verb and i == len(tokens) - 1) else frozenset({t})
                    for i, t in enumerate(tokens))
                index = max(range(len(tokens)), key=lambda i: len(tokens[i]))
                target = gated_phrases if person or tokens[0] in _GATED_WORDS else phrases
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
        add(lex.hindsight_adverbs, verb=False, person=True)
        add(lex.minimisers, verb=False, person=True)
        add(lex.discipline_phrases, verb=True, person=True, matched=True)
        add(lex.discipline_verbs, verb=True, person=True)
        add(lex.human_error_phrases, verb=False, person=False, matched=True)
        gated.update({"had", "needed", "supposed", "error", "errors", "responsible", "because",
                      "since", "only", "blame", "blamed", "fault", "reason",
                      "responsibility", "accountability"})
        return frozenset(strong), phrases, frozenset(gated), gated_phrases

    @cached_property
    def _diligence(self) -> frozenset[str]:
        return self.heads(self.source.negated_verbs)

    @cached_property
    def person_words(self) -> frozenset[str]:
        """Words that name a person, role or team (and their plurals); of a multi-word role
        only its last word ("release manager" -> manager)."""
        lex = self.source
        words: set[str] = set()
        for entries in (lex.people, lex.roles, lex.teams, lex.team_heads):
            for entry in entries:
                tokens = [t for t in phrase_tokens(entry) if t != "-"]
                if len(tokens) == 1 or tokens and tokens[-1] not in _NOT_PERSON_TAILS:
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
        strong, phrases, gated, gated_phrases = self._cues
        if words & strong or _has_phrase(words, phrases, ordered):
            return True
        if words & self._human_error_modifiers and words & self._fault_forms and \
                _before(ordered, self._modifier_parts, self._fault_forms):
            return True  # "a manual slip": the modifier comes before the fault noun
        if not person:
            return False
        if _fault_cues(words & gated, ordered) or _has_phrase(words, gated_phrases, ordered):
            return True
        if words & _NEGATIONS and words & self._diligence:
            return True
        if words & self._undone:  # "went unheeded by the mobile team"
            return True
        if "without" in words and words & self._diligence:
            return True
        if words & _MODALS and words & {"have", "'ve", "should've", "could've"}:
            return True
        return any(pattern.search(sentence) for pattern in _PATTERN_CUES)

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
        return self.forms(self.source.fault_nouns)

    def _person_cue(self, sentence: str, words: set[str]) -> bool:
        """Does the sentence name someone: a role, a pronoun, or a capitalised name?"""
        if words & self.person_words:
            return True
        if "call" in words and _ON_CALL.search(sentence):  # "the weekend on-call"
            return True
        safe = self._safe
        for index, match in enumerate(_WORD.finditer(sentence)):
            word = match.group()
            if not word[:1].isupper() or word.isupper() or "'" in word[1:-2]:
                continue
            lower = word.lower().split("'")[0].split("\u2019")[0]
            if lower in _FUNCTION_WORDS or lower in safe:
                continue
            if index == 0 and (lower.endswith(_COMMON_SUFFIXES) or lower in _IMPERATIVES):
                continue
            return True
        return False

    @cached_property
    def _safe(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.source.safe_subjects)


def _fault_cues(cues: set[str], ordered: list[str]) -> set[str]:
    """The gated cue words, without "error(s)" where every one names a metric ("error rate
    9%", "the error budget"): a compound modifier of a measure, never a fault someone owns
    (the possessive reading needs "error" to head its noun phrase). Timeline rows often
    pair an error rate with the on-call engineer; they need no parse."""
    metric_words = cues & _METRIC_MODIFIERS
    if not metric_words:
        return cues
    for index, word in enumerate(ordered):
        if word in metric_words and (index + 1 == len(ordered) or
                                     ordered[index + 1] not in _METRICS):
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


# Single cue words too common to send a sentence to the parser without a person in it.
_GATED_WORDS = frozenset({"fail", "drop", "take", "bring", "knock", "blow", "set", "start",
                          "mess", "screw", "slip", "lose", "miss", "skip", "run", "error",
                          "break", "crash", "cause", "trigger", "introduce", "create", "doing",
                          "reason", "lapse"})
# A lexicon phrase as the prefilter sees it: whether only the Matcher reads it (so its words
# must come in order), and the forms each of its words may take.
_Phrase = tuple[bool, tuple[frozenset[str], ...]]
# "error rate", "errors budget": the word qualifies a measure (see _fault_cues).
_METRIC_MODIFIERS = frozenset({"error", "errors"})
_METRICS = frozenset({"rate", "rates", "budget", "budgets", "ratio", "ratios"})
_NEGATIONS = frozenset({"not", "never", "n't", "didn't", "don't", "doesn't", "hadn't", "wasn't",
                        "weren't", "couldn't", "wouldn't", "haven't", "hasn't", "didnt", "dont",
                        "did't", "no"})
# First words of action items ("Add a check…"): verbs, not names.
_IMPERATIVES = frozenset((
    "add", "fix", "make", "update", "create", "remove", "move", "review", "document", "run",
    "set", "change", "write", "stage", "switch", "enable", "disable", "ensure", "require",
    "rewrite", "block", "align", "script", "alert", "page", "lower", "raise", "use", "replace",
    "introduce", "implement", "migrate", "test", "verify", "investigate", "schedule",
    "automate", "track", "define", "publish", "build", "deploy", "rotate", "monitor",
    "measure", "limit", "cap", "split", "merge", "drop", "delete", "keep", "start", "stop",
    "send", "notify", "inform", "record", "log", "expose", "surface", "show", "link", "audit",
    "backfill", "reconcile", "retry", "roll", "validate", "check", "confirm", "pin", "upgrade",
    "downgrade", "tune", "adjust", "increase", "decrease", "reduce", "extend",
))
_NOT_PERSON_TAILS = frozenset({"question", "responsible", "call", "us", "involved"})
_MODALS = frozenset({"should", "ought", "could", "should've", "could've", "shouldve",
                     "shouldn't", "shouldn", "shouldnt"})
_COMMON_SUFFIXES = ("tion", "sion", "ment", "ness", "ity", "ing", "ance", "ence", "ure", "age",
                    "ism", "ics", "ogy", "ery", "ship", "ware", "able")
