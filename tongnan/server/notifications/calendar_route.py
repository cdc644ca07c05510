"""``GET /calendar/{secret}.ics``: a unit's due dates as an iCalendar feed. The secret in the
path is the credential (calendar programs send no tokens); an unknown or revoked one is 404."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from tongnan.domain.notifications.calendar_feed import feed_for, feed_text


async def calendar_feed(request: Request) -> Response:
    unit = await feed_for(str(request.path_params["secret"]))
    if unit is None:
        return PlainTextResponse("没有这个日历订阅地址(可能已被吊销)", status_code=404)
    text = await feed_text(unit, request.app.state.clock.now())
    return Response(
        text.encode("utf-8"),
        media_type="text/calendar; charset=utf-8",
        headers={"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"},
    )
