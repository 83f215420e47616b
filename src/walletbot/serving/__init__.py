"""Serving the brain: the slot that holds the running engine and swaps it on reload, training in
a child process, the start-up warm-up, and the batcher that runs decisions arriving together
back to back. The brain itself (brain/) knows nothing of any of it."""
