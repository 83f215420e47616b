"""Stateless chat: one message in, one decision out (for other services)."""
