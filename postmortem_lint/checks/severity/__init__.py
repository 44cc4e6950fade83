"""PM21x: the declared severity matches what the impact says (the review framework's scale)."""
