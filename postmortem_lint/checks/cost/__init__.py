"""PM22x: the incident cost, as the review framework's calculator asks for it."""
