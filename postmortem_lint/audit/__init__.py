"""Audits of postmortem archives: ``postmortem-lint audit``.

Data flows one way, one module per step:

- :mod:`~postmortem_lint.audit.profile` — what an audit needs from one parsed document
  (a metrics extension of the engine, so it is cached with the file's findings);
- :mod:`~postmortem_lint.audit.record` — the compact per-file record and its
  compliance score, explained by area (weights in ``rules/score.yaml``);
- :mod:`~postmortem_lint.audit.collect` — linting in parallel worker processes,
  streaming records back;
- :mod:`~postmortem_lint.audit.analytics` — the quarterly-review analytics, producing
- :mod:`~postmortem_lint.audit.report` — the report model (``--format json``);
- :mod:`~postmortem_lint.audit.history` — ``--history``: each run appended to SQLite;
- :mod:`~postmortem_lint.audit.render` — text, Markdown, CSV and HTML renderers.
"""
