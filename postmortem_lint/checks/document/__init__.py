"""PM0xx: the file itself: unreadable, malformed, wrongly typed, suppressions, crashes."""
