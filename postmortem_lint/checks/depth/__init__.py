"""PM7xx: depth matches severity: severity declared, the sections its policy requires, lessons."""
