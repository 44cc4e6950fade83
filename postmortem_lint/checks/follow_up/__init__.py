"""PM6xx: communication and follow-up: a review scheduled in time, an owner, written promptly."""
