from tests.ops.conftest import app, faq_file

__all__ = ["app", "faq_file"]
