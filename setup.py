"""The lean path's C extension (src/walletbot/brain/_tfidf.c); everything else is in pyproject.toml.

Optional: without a C compiler the install still succeeds and brain/fast_inference.py computes the
same scores with numpy, slower.
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension("walletbot.brain._tfidf", ["src/walletbot/brain/_tfidf.c"], optional=True)
    ]
)
