"""Train the blame classifier the analysis asks as a second opinion, and ship it in the package.

The classifier is a spaCy ``textcat`` (bag of words over word n-grams: no vectors, no
network, a few MB) trained on the labeled development sentences of ``tests/data/blame/`` only,
with a fixed seed, so the same data always gives the same model. Its labels are ``none`` (not
blame) and the eight blame kinds; the analysis reads the blame score (1 − P(none)) and the most
likely kind. It reads each sentence as the analysis will (``classifier.masked``: capitalised
words inside a sentence, @handles and numbers become placeholders), so it learns the shape of
blame rather than the names in the sets. A bag of words was chosen over spaCy's ensemble
(bag of words with a CNN): the ensemble scored higher on held-out labeled sentences but was
sure of blame in neutral sentences of real postmortems.

The trained pipeline is written to ``postmortem_lint/nlp/classifier/`` with
``trained_on.json``: the digest of the training files, the settings and the digest of the
weights. ``tests/nlp/test_second_opinion.py`` recomputes the data digest, so a change to the
labeled sets without retraining fails there.

Run: ``python bench/train_blame_classifier.py`` (retrain and ship), or
``python bench/train_blame_classifier.py --exclude dev21 --out /tmp/model`` to train with a
split held out and measure it blind (``PMLINT_BLAME_CLASSIFIER=/tmp/model`` points the analysis
at that folder).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data" / "blame"
TARGET = REPO / "postmortem_lint" / "nlp" / "classifier"
KINDS = ("failure_verb", "possessive_fault", "judgment", "counterfactual", "minimising",
         "discipline", "person_as_cause", "human_error")
NONE = "none"
SETTINGS: dict[str, int | float | str] = {
    "seed": 0, "epochs": 12, "dropout": 0.2, "batch": 16, "ngram_size": 2, "length": 65536,
    "architecture": "bow"}


def data_files(exclude: tuple[str, ...] = ()) -> list[Path]:
    return [path for path in sorted(DATA.glob("*.jsonl")) if path.stem not in exclude]


def data_digest(files: list[Path]) -> str:
    """What the model was trained on: the names and bytes of the training files."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def examples(files: list[Path]) -> list[tuple[str, str]]:
    rows = []
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                label = row["category"] if row["blame"] else NONE
                rows.append((row["text"], label if label in KINDS else NONE))
    return rows


def _model() -> dict[str, object]:
    bow = {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": True,
           "ngram_size": SETTINGS["ngram_size"], "no_output_layer": False,
           "length": SETTINGS["length"]}
    if SETTINGS["architecture"] == "bow":
        return bow
    width = 64
    return {"@architectures": "spacy.TextCatEnsemble.v2", "linear_model": bow, "tok2vec": {
        "@architectures": "spacy.Tok2Vec.v2",
        "embed": {"@architectures": "spacy.MultiHashEmbed.v2", "width": width,
                  "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE"], "rows": [5000, 1000, 2500, 2500],
                  "include_static_vectors": False},
        "encode": {"@architectures": "spacy.MaxoutWindowEncoder.v2", "width": width,
                   "window_size": 1, "maxout_pieces": 3, "depth": 2}}}


def train(files: list[Path], out: Path) -> dict[str, object]:
    import spacy
    from spacy.training import Example
    from spacy.util import fix_random_seed, minibatch

    from postmortem_lint.nlp.blame.classifier import masked

    fix_random_seed(SETTINGS["seed"])
    nlp = spacy.blank("en")
    textcat = nlp.add_pipe("textcat", config={"model": _model()})
    labels = (NONE, *KINDS)
    for label in labels:
        textcat.add_label(label)
    rows = examples(files)
    data = [Example.from_dict(masked(nlp.make_doc(text)), {"cats": {k: float(k == label)
                                                            for k in labels}})
            for text, label in rows]
    optimizer = nlp.initialize(lambda: data)
    shuffle = random.Random(SETTINGS["seed"])
    for _ in range(int(SETTINGS["epochs"])):
        shuffle.shuffle(data)
        for batch in minibatch(data, size=int(SETTINGS["batch"])):
            nlp.update(batch, sgd=optimizer, drop=float(SETTINGS["dropout"]))
    if out.exists():
        shutil.rmtree(out)
    nlp.to_disk(out)
    weights = hashlib.sha256()
    for path in sorted(out.rglob("*")):
        if path.is_file():
            weights.update(path.relative_to(out).as_posix().encode() + path.read_bytes())
    record = {"data": data_digest(files), "files": [path.name for path in files],
              "sentences": len(rows), "labels": list(labels), "settings": SETTINGS,
              "spacy": spacy.__version__, "weights": weights.hexdigest()}
    (out / "trained_on.json").write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    return record


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--exclude", action="append", default=[],
                        help="a split to hold out (repeatable), e.g. dev21")
    parser.add_argument("--out", type=Path, default=TARGET,
                        help="where to write the pipeline (default: the package's copy)")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                        help="override a training setting (to compare settings)")
    args = parser.parse_args(argv)
    for item in args.set:
        key, _, value = item.partition("=")
        current = SETTINGS[key]
        SETTINGS[key] = type(current)(value)
    files = data_files(tuple(args.exclude))
    record = train(files, args.out)
    size = sum(p.stat().st_size for p in args.out.rglob("*") if p.is_file())
    print(f"trained on {record['sentences']} sentences from {len(files)} files; "
          f"{size / 1e6:.1f} MB in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
