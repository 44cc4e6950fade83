"""PM4xx: root cause analysis: a root cause, contributing factors kept apart, enough whys."""
