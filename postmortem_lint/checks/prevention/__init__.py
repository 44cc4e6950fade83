"""PM51x: the review framework's recurrence-prevention checklist."""
