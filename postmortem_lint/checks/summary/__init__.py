"""PM61x: the incident summary's 24-hour target."""
