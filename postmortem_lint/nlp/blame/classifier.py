"""The statistical second opinion: a small spaCy text classifier trained on the labeled
development sentences (``bench/train_blame_classifier.py``), shipped in
``postmortem_lint/nlp/classifier/``.

It is asked only about a sentence the rules found nothing in; what it says becomes a hit
only where the sentence also shows a person, role or team acting
(:mod:`~.detectors.second_opinion`), so the finding still marks an exact phrase.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from spacy.tokens import Doc
from spacy.vocab import Vocab

from postmortem_lint.nlp.hits import BlameKind

NONE = "none"
_HANDLE = re.compile(r"^@[\w.-]+$")
_NUMBER = re.compile(r"^[\d.,:%]+$")


def masked(doc: Doc) -> Doc:
    """The words the classifier reads: names, @handles and numbers become placeholders, so
    what it learned from "Ravi forgot" applies to any name ("<Name> forgot")."""
    words = []
    for token in doc:
        text = token.text
        if _HANDLE.match(text):
            text = "@handle"
        elif _NUMBER.match(text):
            text = "0"
        elif token.i > 0 and text[:1].isupper() and text[1:].islower() and \
                not doc[token.i - 1].is_sent_start and not doc[token.i - 1].is_punct:
            text = "Name"
        words.append(text)
    return Doc(doc.vocab, words=words)


@dataclass(frozen=True, slots=True)
class Opinion:
    score: float  # how likely the sentence is blame: 1 − P(none)
    kind: BlameKind  # the most likely blame kind


class BlameClassifier:
    """The trained ``textcat``, applied to a sentence the main pipeline has parsed (it reads
    only the words, so it needs no parse of its own). It is built on the main pipeline's
    vocabulary: loading the folder as a pipeline of its own would build a second English
    tokenizer (a fifth of a second) that is never used."""

    def __init__(self, folder: Path, vocab: Vocab):
        from spacy.pipeline.textcat import TextCategorizer
        from spacy.util import load_config, registry

        config = load_config(folder / "config.cfg")["components"]["textcat"]
        model = registry.resolve({"model": config["model"]})["model"]
        textcat: Any = TextCategorizer(vocab, model, name="textcat", threshold=0.5,
                                       scorer=None)
        textcat.from_disk(folder / "textcat", exclude=["vocab"])
        self._textcat = textcat
        labels = list(textcat.labels)
        self._none = labels.index(NONE)
        self._kinds = [(i, BlameKind(label)) for i, label in enumerate(labels) if label != NONE]

    def opinion(self, doc: Doc) -> Opinion:
        return self.opinions([doc])[0]

    def opinions(self, docs: list[Doc]) -> list[Opinion]:
        """One opinion per sentence, the model run once over all of them."""
        if not docs:
            return []
        out = []
        for scores in self._textcat.predict([masked(doc) for doc in docs]):
            index, kind = max(self._kinds, key=lambda pair: float(scores[pair[0]]))
            out.append(Opinion(1.0 - float(scores[self._none]), kind))
        return out


@cache
def load_classifier(path: Path, vocab: Vocab) -> BlameClassifier | None:
    """The classifier in ``path`` for a pipeline's vocabulary, loaded once per process; None
    when none is there."""
    if not (path / "textcat").is_dir():
        return None
    return BlameClassifier(path, vocab)
