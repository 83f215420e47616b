"""The HTTP layer every package may use: the error type and its JSON shape, the strings the API
accepts, credentials, rate limits, the guards and headers around every request. It imports no
domain package (tests/test_architecture.py), so the dependency always points here."""
