"""PM9xx: hygiene: template text and other leftovers that must not be published."""
