"""The brain: text handling, secret shield, classifier, retriever and decision policy.

Nothing here imports FastAPI or SQLAlchemy; every part is a plain library tested without an app.
"""
