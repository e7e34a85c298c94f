"""The web side: a REST API (FastAPI) and pages to code an article and to look at a corpus.

``create_app(db)`` builds the application; ``chronik serve`` runs it (see docs/web.md)."""

from chronik.web.settings import WebSettings

__all__ = ["WebSettings", "create_app"]


def __getattr__(name: str) -> object:  # FastAPI is imported only when the app is built
    if name == "create_app":
        from chronik.web.app import create_app

        return create_app
    raise AttributeError(name)
