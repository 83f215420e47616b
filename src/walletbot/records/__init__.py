"""A conversation as stored, below both sides that act on it: the user's (conversations/) and
the agents' (handoff/). `repository.py` holds all SQL of conversations, messages and their event
log; `events.py` the log's payload shapes; `tokens.py` the conversation access tokens. Nothing
here imports conversations/ or handoff/ (tests/test_architecture.py)."""
