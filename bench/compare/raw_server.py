"""The floor: one hand-written SQL (json_agg) returned by a Starlette route over asyncpg.

python -m bench.compare.raw_server DSN PORT
"""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from bench.compare.queries import RAW_SQL


def make_app(dsn: str) -> Starlette:
    pool: list[asyncpg.Pool] = []

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        pool.append(await asyncpg.create_pool(dsn, min_size=2, max_size=10))
        yield
        await pool[0].close()

    async def dashboard(request: Request) -> Response:
        async with pool[0].acquire() as conn:
            text = await conn.fetchval(RAW_SQL)
        return Response('{"data":' + text + "}", media_type="application/json")

    return Starlette(routes=[Route("/graphql", dashboard, methods=["POST"])], lifespan=lifespan)


if __name__ == "__main__":
    uvicorn.run(make_app(sys.argv[1]), host="127.0.0.1", port=int(sys.argv[2]), log_level="warning")
