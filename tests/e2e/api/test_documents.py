"""Documents from data made through the API, on both backends: a small round played out, then
``issueDocument`` and ``GET /documents/{id}.pdf`` (headers, auth, 304), read back as text."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import unquote

import httpx
import pytest

from tests.e2e.api.supervision_ops import CREATE_FINDING, CREATE_SUPERVISION, ISSUE_URGE, ok
from tests.support.api import Api, api_for
from tests.support.pdf import (
    RED,
    Page,
    colour,
    document_text,
    normalise,
    read_pdf,
    table_rows,
)
from tongnan.domain.common.clock import LOCAL_TZ, FixedClock
from tongnan.domain.common.database import DatabaseUrl
from tongnan.domain.common.values import Role
from tongnan.domain.documents.context_snapshot import load_snapshot
from tongnan.domain.models import Document
from tongnan.schema.common.ids import to_global_id
from tongnan.server.documents.cache import cache_key
from tongnan.server.documents.render import templates_digest

ISSUE = """mutation($input: IssueDocumentInput!) { issueDocument(input: $input) {
  document { id key code kind title issuedOn url contentHash }
  userErrors { field message code } } }"""
OPEN = """mutation($input: OpenReportingRoundInput!) { openReportingRound(input: $input) {
  round { id } userErrors { field message code } } }"""
SUBMIT = """mutation($input: ProgressReportInput!) { submitProgressReport(input: $input) {
  report { id status late } userErrors { field message code } } }"""
REVIEW = """mutation($input: ReviewProgressReportInput!) { reviewProgressReport(input: $input) {
  report { id status } userErrors { field message code } } }"""


def at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(9, 0), LOCAL_TZ)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(at(dt.date(2025, 6, 1)))


@pytest.fixture
async def api(db_url: DatabaseUrl, clock: FixedClock) -> AsyncIterator[Api]:
    async for value in api_for(db_url, clock=clock):
        yield value


async def issue(api: Api, input: dict[str, Any], token: str = "office") -> dict[str, Any]:
    document: dict[str, Any] = (await ok(api, ISSUE, input, token, "issueDocument"))["document"]
    return document


async def fetch(api: Api, url: str, token: str | None = "viewer", **headers: str) -> httpx.Response:
    if token is not None:
        headers["Authorization"] = f"Bearer {api.tokens[token]}"
    return await api.client.get(url, headers=headers)


async def pdf_pages(api: Api, url: str) -> list[Page]:
    response = await fetch(api, url)
    assert response.status_code == 200, response.text
    return read_pdf(response.content)


async def play_round(api: Api, clock: FixedClock) -> str:
    """Tasks 7 and 9: one town on time (accepted), one lead's consolidated report, one town
    late; the rest owe their reports. Returns the round's id."""
    await api.token_for("huayan", "花岩镇", Role.UNIT_REPORTER)
    opened = await ok(
        api,
        OPEN,
        {
            "name": "2025年6月调度",
            "kind": "MONTHLY",
            "dueDate": "2025-06-25",
            "taskNumbers": [7, 9],
        },
        "office",
        "openReportingRound",
    )
    round_id: str = opened["round"]["id"]
    targets = (await api.data("{ task(number: 7) { targets { id } } }"))["task"]["targets"]
    report = {
        "roundId": round_id,
        "taskNumber": 7,
        "summary": "开发公益性岗位120个",
        "completion": 40,
        "expectedVersion": 0,
        "values": [{"targetId": targets[1]["id"], "value": "24500"}],
    }
    town = await ok(api, SUBMIT, report, "shuangjiang", "submitProgressReport")
    await ok(
        api,
        REVIEW,
        {"reportId": town["report"]["id"], "decision": "ACCEPT", "expectedVersion": 1},
        "hr",
        "reviewProgressReport",
    )
    consolidated = {**report, "kind": "CONSOLIDATED", "summary": "全区脱贫人口务工规模2.45万人"}
    await ok(api, SUBMIT, consolidated, "hr", "submitProgressReport")
    clock.set(at(dt.date(2025, 6, 28)))
    late = await ok(api, SUBMIT, {**report, "values": []}, "huayan", "submitProgressReport")
    assert late["report"]["late"] is True
    return round_id


async def test_progress_bulletin_through_the_api(api: Api, clock: FixedClock) -> None:
    round_id = await play_round(api, clock)

    document = await issue(api, {"kind": "PROGRESS_BULLETIN", "roundId": round_id})
    assert document["code"] == "潼巩固专办发〔2025〕2号"
    assert (document["kind"], document["issuedOn"]) == ("PROGRESS_BULLETIN", "2025-06-28")
    assert document["title"] == "关于2025年6月调度工作进展情况的通报"
    assert document["url"] == f"/documents/{document['key']}.pdf"
    listed = await api.data(
        "{ documents(kind: PROGRESS_BULLETIN) { code url } }", token="supervisor"
    )
    assert listed["documents"] == [{"code": document["code"], "url": document["url"]}]

    # a token is needed; the PDF comes with its type, name and content hash
    refused = await fetch(api, document["url"], token=None)
    assert refused.status_code == 401 and "Bearer" in refused.headers["www-authenticate"]
    response = await fetch(api, document["url"])
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
    assert response.headers["content-type"] == "application/pdf"
    disposition = response.headers["content-disposition"]
    assert disposition.startswith('inline; filename="document-')
    assert unquote(disposition.split("filename*=UTF-8''")[1]) == (
        "关于2025年6月调度工作进展情况的通报（潼巩固专办发〔2025〕2号）.pdf"
    )
    etag = response.headers["etag"]
    stored = await Document.get(id=document["key"])
    key = cache_key(stored.template, load_snapshot(stored.snapshot), templates_digest())
    assert etag == f'"{key}"'  # the renderer's content hash: templates, template, snapshot
    assert api.app.state.printer.renderer.cache.get(key) == response.content
    again = await fetch(api, document["url"], **{"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
    assert (await fetch(api, document["url"])).content == response.content  # from the cache

    pages = read_pdf(response.content)
    first = pages[0]
    assert not first.landscape
    mark = [c for c in first.chars if colour(c["non_stroking_color"]) == RED]
    assert normalise("".join(c["text"] for c in mark)).startswith("中共重庆市潼南区委")
    assert "潼巩固专办发〔2025〕2号" in [ln.text for ln in first.lines()]
    assert any(p.landscape for p in pages) and not pages[-1].landscape
    for page in pages:
        assert "".join(c["text"] for c in page.folio_chars()) == f"—{page.number}—"
    text = document_text(pages)
    assert normalise("本轮调度涉及重点任务2项") in text
    assert normalise("（七）稳定务工规模") in text and "2025年6月28日印发" in text
    rows = {row[1]: row for row in table_rows(response.content) if len(row) == 10}
    task7 = rows[normalise("（七）稳定务工规模")]
    assert task7[3:7] == ["25", "3", "1", "0"]  # owed (22 towns, 3 leads), submitted, accepted
    assert task7[7] == normalise("区人力社保局：全区脱贫人口务工规模2.45万人")
    # one town's figure is not the district's; the lead's consolidated report is not accepted yet
    assert task7[8] == normalise(
        "有劳动能力有就业意愿的脱贫家庭就业人数：待定"
        "按各单位报送值逐一判定，全部单位达标方为达标（待尚未报送的单位报齐），"
        "尚未报送：梓潼街道、桂林街道、上和镇、龙形镇、古溪镇等22个单位。"
        "全区脱贫群众就业总体规模：待定"
        "按各单位已报数合计（暂定），待尚未报送的单位报齐，各单位已报数合计24500人，"
        "目标值24000人，尚未报送：梓潼街道、桂林街道、上和镇、龙形镇、古溪镇等21个单位。"
    )
    assert task7[9] == "红色"
    assert "红色" in text  # most towns have not reported
    ranking = document_text([p for p in pages if "按时报送率" in p.text])
    assert normalise("1双江镇") in ranking  # on time on the one task it owes


async def test_supervision_bulletin_ledger_and_urge_notice(api: Api, clock: FixedClock) -> None:
    made = await ok(
        api,
        CREATE_SUPERVISION,
        {
            "kind": "ON_SITE",
            "title": "2025年6月实地督查",
            "startsOn": "2025-06-20",
            "endsOn": "2025-06-21",
            "taskNumbers": [19],
            "unitNames": ["双江镇", "别口镇"],
            "team": [{"name": "王督查", "post": "组长"}],
        },
        "office",
        "createSupervision",
    )
    supervision_id = made["supervision"]["id"]
    item = {
        "measures": "逐户核实收入数据并更正",
        "deadline": "2025-06-25",
        "responsibleUnitName": "双江镇",
        "responsiblePersons": [{"name": "张三", "post": "副镇长"}],
    }
    await ok(
        api,
        CREATE_FINDING,
        {
            "description": "部分脱贫户收入监测数据与实际不符",
            "source": "DISTRICT_SUPERVISION",
            "foundOn": "2025-06-20",
            "supervisionId": supervision_id,
            "unitNames": ["双江镇"],
            "items": [item],
        },
        "office",
        "createFinding",
    )
    clock.set(at(dt.date(2025, 7, 2)))

    bulletin = await issue(api, {"kind": "SUPERVISION_BULLETIN", "supervisionId": supervision_id})
    ledger = await issue(api, {"kind": "RECTIFICATION_LEDGER"})
    urged = await ok(api, ISSUE_URGE, {"unitName": "双江镇"}, "office", "issueUrgeNotice")
    notice = await issue(api, {"kind": "URGE_NOTICE", "urgeNoticeId": urged["urgeNotice"]["id"]})
    assert [d["code"] for d in (bulletin, ledger, notice)] == [
        f"潼巩固专办发〔2025〕{n}号" for n in (2, 3, 4)
    ]

    text = document_text(await pdf_pages(api, bulletin["url"]))
    assert normalise("关于2025年6月实地督查情况的通报") in text
    assert normalise("（一）区级专项督查发现的问题。1.部分脱贫户收入监测数据与实际不符") in text
    assert normalise("1.双江镇：逐户核实收入数据并更正。责任人：张三（副镇长）") in text

    pages = await pdf_pages(api, ledger["url"])
    assert all(p.landscape for p in pages)
    text = document_text(pages)
    assert normalise("序号问题来源问题描述整改措施责任单位责任人整改时限整改进展状态") in text
    assert "待整改" in text and "截至2025年7月2日" in text

    pages = await pdf_pages(api, notice["url"])
    text = document_text(pages)
    assert normalise("关于督促办理逾期工作任务的通知双江镇：") in text
    assert "潼巩固专办发〔2025〕4号" in text and normalise("逾期工作任务清单") in text
    every = await api.data("{ documents { kind code } }", token="shuangjiang")
    assert [d["kind"] for d in every["documents"]] == [
        "URGE_NOTICE",
        "RECTIFICATION_LEDGER",
        "SUPERVISION_BULLETIN",
    ]
    # the urge notice is addressed to 双江镇: another unit neither lists nor prints it
    others = await api.data("{ documents { kind code } }", token="hr")
    assert [d["kind"] for d in others["documents"]] == [
        "RECTIFICATION_LEDGER",
        "SUPERVISION_BULLETIN",
    ]
    headers = {"Authorization": f"Bearer {api.tokens['hr']}"}
    assert (await api.client.get(notice["url"], headers=headers)).status_code == 404
    for overseer in ("office", "supervisor", "viewer"):
        seen = await api.data("{ documents { kind } }", token=overseer)
        assert len(seen["documents"]) == 3, overseer


async def test_refusals_and_unavailable_printing(api: Api, clock: FixedClock) -> None:
    round_id = await play_round(api, clock)
    payload = (
        await api.data(ISSUE, {"input": {"kind": "PROGRESS_BULLETIN", "roundId": round_id}}, "hr")
    )["issueDocument"]
    assert [e["code"] for e in payload["userErrors"]] == ["FORBIDDEN"]
    payload = (await api.data(ISSUE, {"input": {"kind": "PROGRESS_BULLETIN"}}, token="office"))[
        "issueDocument"
    ]
    assert payload["userErrors"][0]["field"] == ["roundId"] and payload["document"] is None
    wrong = {"kind": "PROGRESS_BULLETIN", "roundId": to_global_id("UrgeNotice", 1)}
    payload = (await api.data(ISSUE, {"input": wrong}, token="office"))["issueDocument"]
    assert payload["userErrors"][0]["code"] == "INVALID"
    assert (await api.post("{ documents { code } }")).json()["errors"]  # no token

    document = await issue(api, {"kind": "PROGRESS_BULLETIN", "roundId": round_id})
    assert (await fetch(api, "/documents/999.pdf")).status_code == 404
    bad = await api.client.get(document["url"], headers={"Authorization": "Bearer nope"})
    assert bad.status_code == 401

    printer = api.app.state.printer
    printer.renderer.timeout = 0.001  # far too little: the render is stopped
    slow = await fetch(api, document["url"])
    assert slow.status_code == 503 and "超时" in slow.json()["error"]
    assert slow.headers["retry-after"] == "10"
    printer.renderer.timeout = 60.0
    printer.problem = "documents cannot be printed: run: apt-get install fonts-noto-cjk"
    missing = await fetch(api, document["url"])
    assert missing.status_code == 503 and "fonts-noto-cjk" in missing.json()["error"]
