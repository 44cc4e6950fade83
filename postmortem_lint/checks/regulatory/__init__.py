"""PM85x: regulatory packs (rules/regulatory/), turned on by the industry or frameworks config."""
