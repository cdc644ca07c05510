"""The Starlette application: lifespan opens the database; routes and middleware are set here."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Mount, Route, WebSocketRoute
from tortoise import connections

from tongnan import __version__
from tongnan.domain.common.clock import Clock, SystemClock
from tongnan.domain.common.migrate import check_migrated
from tongnan.domain.common.runtime import open_database
from tongnan.domain.rules.warnings import WarningPolicy
from tongnan.schema.common.budget import CostBudget
from tongnan.schema.common.context import AuditVerifying
from tongnan.schema.common.plan_cache import PlanCache
from tongnan.schema.compiled import compile_documents
from tongnan.schema.schema import build_schema
from tongnan.server.audit_key_source import audit_key
from tongnan.server.audit_sealer import run_sealer
from tongnan.server.auth_routes import ROUTES as AUTH_ROUTES
from tongnan.server.auth_routes import AuthConfig
from tongnan.server.collector import frozen_start_up
from tongnan.server.credentials import Credentials
from tongnan.server.documents.route import document_pdf, start_printer
from tongnan.server.graphql_app import GraphQLEndpoint
from tongnan.server.limits import GraphQLRequestGuard
from tongnan.server.listener import listen_for_changes
from tongnan.server.notifications.app_hooks import notification_routes, run_notifications
from tongnan.server.settings import Settings
from tongnan.server.trusted_documents import TrustedDocuments
from tongnan.server.uploads import get_upload, post_upload
from tongnan.server.warning_sweep import sweep_warnings
from tongnan.server.workbench import GraphiQLPage, Workbench


async def healthz(request: Request) -> JSONResponse:
    """Liveness and database reachability: 200 when a trivial query answers, 503 otherwise; with
    the answering process's id (``serve --workers`` runs several)."""
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
        {
            "status": "ok",
            "database": settings.database_url.backend,
            "version": __version__,
            "process": os.getpid(),
        }
    )


def create_app(settings: Settings | None = None, clock: Clock | None = None) -> Starlette:
    """The app; ``clock`` is injected by tests that play out due dates."""
    settings = settings or Settings.from_env()
    clock = clock or SystemClock()
    key = audit_key(settings)  # production refuses to start without one
    policy = WarningPolicy(yellow_within_days=settings.warning_yellow_days)
    plans = PlanCache()
    credentials = Credentials(clock, settings.session_timeouts())
    trusted = TrustedDocuments.load(settings.trusted_documents)
    schema = build_schema(settings.schema_options())
    compile_documents(schema, trusted.texts)  # the workbench's queries compiled before any request
    graphql = GraphQLEndpoint(
        schema,
        plans,
        production=settings.production,
        clock=clock,
        warning_policy=policy,
        response_cache_entries=settings.response_cache_entries,
        sheet_limits=settings.sheet_limits(),
        allowed_origins=settings.allowed_origins,
        budget=CostBudget(settings.cost_budget, settings.cost_refill_per_minute)
        if settings.cost_budget
        else None,
        trusted_proxies=settings.trusted_proxies,
        max_response_bytes=settings.max_response_bytes,
        verify_requires_evidence=settings.verify_requires_evidence,
        audit=AuditVerifying(
            key,
            dt.timedelta(
                seconds=settings.audit_seal_interval_seconds + settings.audit_seal_grace_seconds
            ),
        ),
        credentials=credentials,
        trusted=trusted,
    )

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async with open_database(settings.database_url, global_fallback=True):
            await check_migrated()
            plans.clear()
            async with (
                listen_for_changes(settings.database_url),
                run_sealer(settings.database_url, key, clock, settings.audit_seal_interval_seconds),
                sweep_warnings(plans, clock, policy, settings.warning_sweep_seconds),
                start_printer(
                    time_limit=settings.render_timeout_seconds,
                    workers=settings.render_workers or None,
                    warm_up=settings.render_warm_up,
                ) as printer,
                run_notifications(settings, key, plans, clock, policy),
            ):
                app.state.printer = printer
                with frozen_start_up(settings.gc_young_threshold):
                    yield
        plans.close()

    workbench = Workbench(settings.web_root)
    app = Starlette(
        routes=[
            Route("/healthz", healthz, methods=["GET"]),
            Route(
                "/graphql",
                GraphiQLPage(graphql, workbench, enabled=not settings.production),
                methods=["GET", "POST"],
            ),
            Route("/documents/{id:int}.pdf", document_pdf, methods=["GET"]),
            Route("/uploads", post_upload, methods=["POST"]),
            Route("/uploads/{id}", get_upload, methods=["GET"]),
            *AUTH_ROUTES,
            WebSocketRoute("/graphql", graphql),
            *notification_routes(),
            Mount("/", app=workbench),  # last: the workbench and its history fallback
        ],
        middleware=[
            Middleware(
                GraphQLRequestGuard,
                path="/graphql",
                max_body_bytes=settings.max_body_bytes,
                body_timeout=settings.body_timeout_seconds,
            )
        ],
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.clock = clock
    app.state.file_store = settings.file_store()
    app.state.plans = plans
    app.state.graphql = graphql
    app.state.credentials = credentials
    app.state.auth = AuthConfig(
        clock=clock,
        timeouts=settings.session_timeouts(),
        limits=settings.sign_in_limits(),
        credentials=credentials,
        allowed_origins=settings.allowed_origins,
        trusted_proxies=settings.trusted_proxies,
    )
    return app


__all__ = ["create_app"]
