"""Blame in one parsed sentence: which cue, and whether a person is what it is about.

:mod:`~.patterns` builds the spaCy ``Matcher`` and ``DependencyMatcher`` patterns from the
vocabulary; :mod:`~.sentence` is the one view of a parsed sentence every detector reads
(who a noun phrase is, subject, agent, negation); :mod:`~.detectors` holds one detector
per blame kind; :mod:`~.analyzer` runs them and merges what they find.

This package imports spaCy; the service imports it only when a sentence has to be parsed.
"""

from postmortem_lint.nlp.blame.analyzer import BlameAnalyzer

__all__ = ["BlameAnalyzer"]
