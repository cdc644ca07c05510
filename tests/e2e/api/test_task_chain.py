"""One task's chain drawn as SVG (``Task.chainSvg``) for whoever may read the matrix, redrawn
after the office chooses the task's 相关镇街; removing an assignment with the version read, and
a stale one refused; the 任务 page's own query within the cost limit."""

from __future__ import annotations

from itertools import pairwise
from xml.etree import ElementTree

import pytest

from tests.support.api import Api
from tests.support.files import REPO
from tongnan.domain.models import Assignment

SVG = "{http://www.w3.org/2000/svg}"
CHAIN = "{ task(number: 4) { number chainSvg } }"
OPERATIONS = REPO / "web" / "src" / "operations" / "office"
PAGE_QUERY = (OPERATIONS / "OfficeTask.graphql").read_text(encoding="utf-8")
HISTORY_QUERY = (OPERATIONS / "TaskReportHistory.graphql").read_text(encoding="utf-8")


def texts(svg: str) -> list[str]:
    root = ElementTree.fromstring(svg.encode("utf-8"))
    return [t.text or "" for t in root.iter(f"{SVG}text")]


def flagged(svg: str) -> set[str]:
    """The boxes drawn with the note 成员未定 under their name."""
    drawn = texts(svg)
    return {name for name, note in pairwise(drawn) if note == "成员未定"}


@pytest.mark.parametrize("caller", ["office", "supervisor", "viewer", "shuangjiang"])
async def test_every_signed_in_reader_gets_the_chain_drawn(api: Api, caller: str) -> None:
    svg = (await api.data(CHAIN, token=caller))["task"]["chainSvg"]
    root = ElementTree.fromstring(svg.encode("utf-8"))  # well-formed XML
    assert root.tag == f"{SVG}svg"
    assert root.findtext(f"{SVG}title", "").endswith("责任链")
    assert not [
        e for e in root.iter() if e.tag.endswith("script") or e.tag.endswith("foreignObject")
    ]
    assert not [k for e in root.iter() for k in e.attrib if k.lower().startswith("on")]
    drawn = texts(svg)
    assert drawn[0].endswith("专班办公室") and "区农业农村委" in drawn  # the office, the lead
    assert "相关镇街" in flagged(svg)  # a per-task group not chosen yet


async def test_a_caller_not_signed_in_is_told_to_sign_in(api: Api) -> None:
    response = await api.post(CHAIN)
    body = response.json()
    assert body["data"] == {"task": None}
    assert [e["message"] for e in body["errors"]] == [
        "查看责任链和分工矩阵需要先登录(或提供访问令牌)"
    ]
    public = await api.data("{ task(number: 4) { number title } }")  # the plan itself is public
    assert public["task"]["number"] == 4


async def test_the_drawing_follows_the_towns_chosen_for_the_task(api: Api) -> None:
    group = (await api.data('{ unit(name: "相关镇街") { version } }', token="office"))["unit"]
    done = await api.data(
        """mutation($input: SetGroupMembersInput!) { setGroupMembers(input: $input) {
             userErrors { message } } }""",
        {
            "input": {
                "groupName": "相关镇街",
                "taskNumber": 4,
                "memberNames": ["双江镇", "崇龛镇"],
                "expectedVersion": group["version"],
            }
        },
        token="office",
    )
    assert done["setGroupMembers"]["userErrors"] == []
    svg = (await api.data(CHAIN, token="viewer"))["task"]["chainSvg"]
    assert {"双江镇", "崇龛镇"} <= set(texts(svg))
    assert flagged(svg) == {"各衔接资金项目实施主管部门"}  # still open: no members known


UNASSIGN = """mutation($input: UnassignTaskInput!) { unassignTask(input: $input) {
  task { leadUnits { name } } userErrors { field code message } } }"""


async def test_removing_an_assignment_checks_the_version_read(api: Api) -> None:
    lead = await Assignment.get(task__number=7, unit__name="区发展改革委", role="LEAD")
    base = {"taskNumber": 7, "unitName": "区发展改革委", "role": "LEAD"}
    stale = await api.data(
        UNASSIGN, {"input": {**base, "expectedVersion": lead.version + 1}}, token="office"
    )
    refusal = stale["unassignTask"]["userErrors"]
    assert [(e["code"], e["field"]) for e in refusal] == [("CONFLICT", ["expectedVersion"])]
    assert refusal[0]["message"].endswith("请刷新后再改")
    assert await Assignment.filter(id=lead.id).exists()

    done = await api.data(
        UNASSIGN, {"input": {**base, "expectedVersion": lead.version}}, token="office"
    )
    assert done["unassignTask"]["userErrors"] == []
    assert [u["name"] for u in done["unassignTask"]["task"]["leadUnits"]] == [
        "区人力社保局",
        "区农业农村委",
    ]
    assert not await Assignment.filter(id=lead.id).exists()


@pytest.mark.parametrize("caller", ["office", "viewer"])
async def test_the_task_pages_query_fits_the_cost_limit(api: Api, caller: str) -> None:
    data = await api.data(PAGE_QUERY, {"number": 4}, token=caller)
    task = data["task"]
    assert task["chainSvg"].startswith("<?xml")
    related = next(a for a in task["assignments"] if a["unit"]["name"] == "相关镇街")
    assert related["unit"]["membership"] == "PER_TASK"
    assert related["unit"]["membersSetFor"] is False
    assert any(u["kind"] == "TOWN" for u in data["units"])
    history = await api.data(HISTORY_QUERY, {"number": 4, "after": None}, token=caller)
    assert history["task"]["progressReports"]["pageInfo"]["hasNextPage"] is False
