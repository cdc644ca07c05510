"""The Starlette application: lifespan opens the database; routes are mounted here."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from tortoise import connections

from tongnan import __version__
from tongnan.domain.migrate import check_migrated
from tongnan.domain.runtime import open_database
from tongnan.server.settings import Settings


async def healthz(request: Request) -> JSONResponse:
    """Liveness and database reachability: 200 when a trivial query answers, 503 otherwise."""
    settings: Settings = request.app.state.settings
    try:
        await connections.get("default").execute_query("SELECT 1")
    except Exception as exc:
        return JSONResponse(
            {
                "status": "unavailable",
                "database": settings.database_url.backend,
                "error": type(exc).__name__,
            },
            status_code=503,
        )
    return JSONResponse(
        {"status": "ok", "database": settings.database_url.backend, "version": __version__}
    )


def create_app(settings: Settings | None = None) -> Starlette:
    settings = settings or Settings.from_env()

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async with open_database(settings.database_url, global_fallback=True):
            await check_migrated()
            yield

    app = Starlette(routes=[Route("/healthz", healthz, methods=["GET"])], lifespan=lifespan)
    app.state.settings = settings
    return app
