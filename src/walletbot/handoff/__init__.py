"""Hand-off: the queue, agents and their claims, tickets when no one is on duty."""
