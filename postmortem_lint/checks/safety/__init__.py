"""PM8xx: audience and safety: who the document is for, and what it must not reveal."""
