"""Every rule documents itself, and the generated docs match the code."""

import pytest

from postmortem_lint.engine.registry import all_rules
from postmortem_lint.rule_docs import readme_with_table, rules_reference
from tests.conftest import REPO


@pytest.mark.parametrize("code", sorted(all_rules()))
def test_rule_has_code_name_and_examples(code):
    rule = all_rules()[code]
    assert rule.name and rule.name == rule.name.lower() and " " not in rule.name
    doc = rule.doc()
    assert rule.summary(), f"{code} has no summary line"
    assert "Bad" in doc and "Good" in doc, f"{code} documentation needs a bad and a good example"


def test_rule_names_are_unique():
    names = [rule.name for rule in all_rules().values()]
    assert len(names) == len(set(names))


def test_docs_rules_md_is_current():
    committed = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == rules_reference(), "run python -m postmortem_lint.rule_docs"


def test_readme_rule_table_is_current():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert readme_with_table(readme) == readme, "run python -m postmortem_lint.rule_docs"
