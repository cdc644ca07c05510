"""The workbench's files at ``/``: the build, the history fallback, cache headers, the page shown
when the build is missing, and GraphiQL from local files in development only."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Mount, Route
from starlette.types import Receive, Scope, Send

from tongnan.domain.common.database import DatabaseUrl
from tongnan.server.app import create_app
from tongnan.server.settings import Settings
from tongnan.server.workbench import IMMUTABLE, GraphiQLPage, Workbench

HTML = {"Accept": "text/html,application/xhtml+xml"}


def build(root: Path) -> Path:
    (root / "assets").mkdir(parents=True)
    (root / "graphiql").mkdir()
    (root / "index.html").write_text("<!doctype html><title>工作台</title>", encoding="utf-8")
    (root / "assets" / "main-abc123.js").write_text("console.log(1)", encoding="utf-8")
    (root / "graphiql" / "index.html").write_text("<title>GraphiQL</title>", encoding="utf-8")
    (root / "operations.json").write_text("{}", encoding="utf-8")
    (root.parent / "secret.txt").write_text("不该被读到", encoding="utf-8")
    return root


async def api(scope: Scope, receive: Receive, send: Send) -> None:
    """Stands for the GraphQL endpoint (an ASGI app)."""
    await JSONResponse({"api": True})(scope, receive, send)


def client(root: Path, *, production: bool = False) -> httpx.AsyncClient:
    workbench = Workbench(root)
    app = Starlette(
        routes=[
            Route(
                "/graphql",
                GraphiQLPage(api, workbench, enabled=not production),
                methods=["GET", "POST"],
            ),
            Mount("/", app=workbench),
        ]
    )
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")


async def test_the_index_is_served_and_revalidated(tmp_path: Path) -> None:
    async with client(build(tmp_path / "dist")) as c:
        response = await c.get("/", headers=HTML)
    assert response.status_code == 200
    assert "工作台" in response.text
    assert response.headers["cache-control"] == "no-cache"


async def test_hashed_assets_are_cached_for_a_year(tmp_path: Path) -> None:
    async with client(build(tmp_path / "dist")) as c:
        response = await c.get("/assets/main-abc123.js")
    assert response.status_code == 200
    assert response.headers["cache-control"] == IMMUTABLE
    assert "javascript" in response.headers["content-type"]


@pytest.mark.parametrize("path", ["/reports", "/tasks/7", "/account?tab=tokens", "/审核"])
async def test_any_page_of_the_workbench_falls_back_to_the_index(tmp_path: Path, path: str) -> None:
    async with client(build(tmp_path / "dist")) as c:
        response = await c.get(path, headers=HTML)
    assert response.status_code == 200
    assert "工作台" in response.text


@pytest.mark.parametrize(
    "path", ["/auth/nothing", "/uploads/x", "/documents/9.pdf", "/assets/gone.js", "/healthzz/x"]
)
async def test_the_servers_own_paths_never_fall_back(tmp_path: Path, path: str) -> None:
    async with client(build(tmp_path / "dist")) as c:
        response = await c.get(path, headers=HTML)
    if path.startswith("/healthzz"):  # not a server prefix: a page of the workbench
        assert response.status_code == 200
        return
    assert response.status_code == 404
    assert response.json() == {"error": "没有这个地址"}


async def test_a_request_for_data_is_not_answered_with_the_index(tmp_path: Path) -> None:
    async with client(build(tmp_path / "dist")) as c:
        response = await c.get("/reports", headers={"Accept": "application/json"})
    assert response.status_code == 404


@pytest.mark.parametrize(
    "path", ["/../secret.txt", "/%2e%2e/secret.txt", "/assets/../../secret.txt"]
)
async def test_nothing_outside_the_build_is_served(tmp_path: Path, path: str) -> None:
    async with client(build(tmp_path / "dist")) as c:
        response = await c.get(path)
    assert "不该被读到" not in response.text


async def test_only_reads_are_answered(tmp_path: Path) -> None:
    async with client(build(tmp_path / "dist")) as c:
        response = await c.post("/reports", json={})
    assert response.status_code == 405
    assert response.json()["error"] == "不支持的请求方式"


async def test_without_a_build_the_page_says_to_run_setup(tmp_path: Path) -> None:
    async with client(tmp_path / "nothing") as c:
        response = await c.get("/", headers=HTML)
    assert response.status_code == 503
    assert "bin/setup" in response.text
    assert "工作台尚未构建" in response.text


async def test_graphiql_comes_from_local_files_in_development(tmp_path: Path) -> None:
    async with client(build(tmp_path / "dist")) as c:
        page = await c.get("/graphql", headers=HTML)
        posted = await c.post("/graphql", json={"query": "{ __typename }"})
    assert "<title>GraphiQL</title>" in page.text
    assert "cdn" not in page.text.lower()
    assert posted.json() == {"api": True}


async def test_graphiql_is_off_in_production(tmp_path: Path) -> None:
    async with client(build(tmp_path / "dist"), production=True) as c:
        page = await c.get("/graphql", headers=HTML)
    assert page.json() == {"api": True}  # the API's own answer, no page


def test_the_web_root_comes_from_the_environment(tmp_path: Path) -> None:
    assert Settings.from_env({"TONGNAN_WEB_ROOT": str(tmp_path)}).web_root == tmp_path
    assert Settings.from_env({}).web_root.parts[-2:] == ("web", "dist")


async def test_the_app_serves_the_workbench_after_its_routes(
    tmp_path: Path, db_url: DatabaseUrl
) -> None:
    app = create_app(Settings(database_url=db_url, web_root=build(tmp_path / "dist")))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
            index = await c.get("/reports", headers=HTML)
            health = await c.get("/healthz", headers=HTML)
            graphiql = await c.get("/graphql", headers=HTML)
            answer = await c.post("/graphql", json={"query": "{ plans { code } }"})
    assert "工作台" in index.text
    assert health.json()["status"] == "ok"
    assert "<title>GraphiQL</title>" in graphiql.text
    assert "data" in answer.json()
