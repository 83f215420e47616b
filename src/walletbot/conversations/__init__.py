"""Conversations: the widget's API (messages, hand-off state, event stream, feedback)."""
