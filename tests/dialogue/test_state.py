"""The dialogue state's JSON, as stored with the conversation (pure)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from walletbot.dialogue.state import Details, DialogueState, PendingHandOff

ids = st.text(alphabet="abcdefghij-", min_size=1, max_size=12)
facts = st.dictionaries(
    st.sampled_from(["when", "amount", "method", "reference"]),
    st.none()
    | st.fixed_dictionaries(
        {"text": st.text(max_size=20), "value": st.none() | st.text(max_size=10)}
    ),
)
states = st.builds(
    DialogueState,
    offered=st.tuples(ids, ids),
    spare=st.tuples(ids),
    answered=st.none() | ids,
    topic=st.none() | st.text(max_size=30),
    about=st.none() | ids,
    answer_message=st.none() | st.integers(1, 2**40),
    scope_streak=st.integers(0, 3),
    menu=st.tuples() | st.tuples(ids, ids, ids),
    unclear_streak=st.integers(0, 3),
    details=st.none()
    | st.builds(
        Details,
        problem=ids,
        remaining=st.tuples(st.sampled_from(["when", "amount"])),
        then=st.sampled_from(["handoff", "waiting"]),
        handoff=st.none()
        | st.builds(
            PendingHandOff,
            reason=ids,
            priority=ids,
            category=st.none() | ids,
            confidence=st.none() | st.floats(0, 1),
        ),
    ),
    facts=facts,
)


@given(states)
def test_the_state_survives_its_json(state: DialogueState) -> None:
    assert DialogueState.from_json(state.to_json()) == state


@given(st.none() | st.integers() | st.text() | st.dictionaries(st.text(max_size=5), st.integers()))
def test_anything_else_reads_as_a_fresh_state_or_its_known_fields(raw: object) -> None:
    state = DialogueState.from_json(raw)
    assert isinstance(state, DialogueState)


def test_a_broken_details_record_reads_as_fresh() -> None:
    assert DialogueState.from_json({"details": {"problem": "x"}}) == DialogueState()
