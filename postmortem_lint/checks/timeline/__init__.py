"""PM3xx: the timeline: present, in UTC, ordered, and covering every phase."""
