"""PM1xx: blameless language: the postmortem says what the system allowed, not who is at fault.

All of them read one shared analysis of the narrative (``ctx.nlp``); the policy
they enforce is "What counts as blame" (BLAMELESS.md).
"""
