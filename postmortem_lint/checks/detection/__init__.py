"""PM31x: how the incident was detected, and monitoring when an outsider found it."""
