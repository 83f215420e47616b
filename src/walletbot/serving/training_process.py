"""Train the engine in a child process and bring it back pickled.

The event loop keeps serving while a model is fitted (no GIL shared with the fitting), and
scikit-learn, the bulk of a worker's memory, is loaded in the child only: the engine comes back as
plain vocabularies and arrays. The child is `python -m walletbot.serving.training_process`, not a
multiprocessing fork or spawn, so it never re-imports the parent's __main__ script.

Protocol: the parent writes pickle((faq_path, thresholds)) to the child's stdin; the child writes
pickle(Engine) or pickle(FaqError) to stdout and exits 0. Anything else is a crash (stderr says).
"""

from __future__ import annotations

import asyncio
import os
import pickle
import sys
from pathlib import Path

from walletbot.brain.decision_rules import Thresholds
from walletbot.brain.engine import Engine
from walletbot.brain.faq import FaqError, load_faq

# The child imports this very copy of walletbot, whatever the parent's working directory.
SOURCE_ROOT = str(Path(__file__).resolve().parents[2])  # the directory holding walletbot/


async def train_in_child(faq_path: Path, thresholds: Thresholds) -> Engine:
    """The engine for this FAQ file, or the file's FaqError; RuntimeError if the child fails."""
    child = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "walletbot.serving.training_process",
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": os.pathsep.join([SOURCE_ROOT, *sys.path])},
    )
    out, err = await child.communicate(pickle.dumps((faq_path, thresholds)))
    if child.returncode != 0:
        tail = err.decode(errors="replace")[-2000:]
        raise RuntimeError(f"training process exited with {child.returncode}:\n{tail}")
    result = await asyncio.to_thread(pickle.loads, out)  # ~10 MB: let the loop breathe
    if isinstance(result, FaqError):
        raise result
    if not isinstance(result, Engine):
        raise RuntimeError(f"training process sent {type(result).__name__}, not an Engine")
    return result


def main() -> None:
    faq_path, thresholds = pickle.loads(sys.stdin.buffer.read())
    result: Engine | FaqError
    try:
        result = Engine.build(load_faq(faq_path), thresholds)
    except FaqError as error:
        result = error
    sys.stdout.buffer.write(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))


if __name__ == "__main__":
    main()
