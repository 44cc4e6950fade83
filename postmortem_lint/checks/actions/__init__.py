"""PM5xx: action items: present, owned, dated, prioritised, specific, tracked, typed, unique."""
