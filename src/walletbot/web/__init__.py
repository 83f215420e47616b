"""The faces of the service: the chat widget, the agent console and the ops dashboard."""
