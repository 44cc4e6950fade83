"""One detector per blame kind: ``detect(sentence) -> hits``, reading the sentence only
through :class:`~postmortem_lint.nlp.blame.sentence.Sentence`."""
