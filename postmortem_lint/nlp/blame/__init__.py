"""Blame in one parsed sentence: which cue, and whether a person is what it is about.

spaCy ``Matcher`` patterns find the lexical cues (failure verbs, fault nouns,
judgment words, disciplinary and human-error phrases, cause links) and a
``DependencyMatcher`` finds the structural ones (passive agents, possessors of
a fault). The dependency parse then answers the question the policy asks:
is the subject, agent or possessor a person, a personal role or a team other
than the authors? Systems, "we", negations ("nobody was careless"), and talk
about blame ("we don't call this human error") are not blame.

This module imports spaCy; the service imports it only when a sentence has to
be parsed.
"""

from postmortem_lint.nlp.blame.analyzer import BlameAnalyzer

__all__ = ["BlameAnalyzer"]
