"""PM2xx: impact: present, quantified, with its duration, data loss and SLA breach stated."""
