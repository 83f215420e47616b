"""The conversation's memory and rules (docs/dialogue.md): picks from a clarification, follow-ups,
out-of-scope replies, requests for a person, dissatisfaction, guided details and messages while
waiting. Pure: no SQL, no HTTP; the service stores `DialogueState` with the conversation."""
