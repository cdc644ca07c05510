"""Writes through the API: who may call them, what they store, and the audit trail they leave."""

from __future__ import annotations

import pytest

from tests.support.api import Api
from tongnan.domain.common.actor import Actor
from tongnan.domain.common.values import Role
from tongnan.domain.directory.tokens import revoke_token
from tongnan.domain.models import Assignment, AuditEvent

ASSIGN = """mutation($input: AssignTaskInput!) { assignTask(input: $input) {
  assignment { role position dueDate version unit { name } task { number } }
  task { leadUnits { name } }
  userErrors { field message code } } }"""
ASSIGN_INPUT = {
    "taskNumber": 5,
    "unitName": "区财政局",
    "role": "LEAD",
    "dueDate": "2025-12-31",
    "expectedVersion": 0,
}


async def test_the_office_assigns_and_the_audit_trail_says_so(api: Api) -> None:
    before = await AuditEvent.all().count()
    data = await api.data(ASSIGN, {"input": ASSIGN_INPUT}, token="office")
    payload = data["assignTask"]
    assert payload["userErrors"] == []
    assert payload["assignment"] == {
        "role": "LEAD",
        "position": 1,
        "dueDate": "2025-12-31",
        "version": 1,
        "unit": {"name": "区财政局"},
        "task": {"number": 5},
    }
    assert [u["name"] for u in payload["task"]["leadUnits"]] == ["区农业农村委", "区财政局"]
    event = await AuditEvent.all().order_by("-id").first()
    assert event is not None and await AuditEvent.all().count() == before + 1
    assert (event.actor, event.action) == ("test-office", "assignment.created")
    assert event.after is not None and event.after["unit"] == "区财政局"

    # the next read sees the write (the plan cache was dropped)
    led = await api.data('{ tasks(filter: {leadUnit: "区财政局"}) { nodes { number } } }')
    assert [n["number"] for n in led["tasks"]["nodes"]] == [5, 10]

    removed = await api.data(
        """mutation($v: Int!) {
             unassignTask(input: {
               taskNumber: 5, unitName: "区财政局", role: LEAD, expectedVersion: $v}) {
             task { leadUnits { name } } userErrors { code } } }""",
        {"v": payload["assignment"]["version"]},
        token="office",
    )
    assert removed["unassignTask"] == {
        "task": {"leadUnits": [{"name": "区农业农村委"}]},
        "userErrors": [],
    }


@pytest.mark.parametrize("caller", ["shuangjiang", "hr", "supervisor", "viewer", None])
async def test_only_the_office_may_assign(api: Api, caller: str | None) -> None:
    count = await Assignment.all().count()
    data = await api.data(ASSIGN, {"input": ASSIGN_INPUT}, token=caller)
    payload = data["assignTask"]
    assert payload["assignment"] is None
    assert [e["code"] for e in payload["userErrors"]] == ["FORBIDDEN"]
    assert await Assignment.all().count() == count


async def test_bad_input_names_the_field_and_changes_nothing(api: Api) -> None:
    count = await Assignment.all().count()
    unknown = await api.data(
        ASSIGN, {"input": {**ASSIGN_INPUT, "unitName": "不存在局"}}, token="office"
    )
    assert unknown["assignTask"]["userErrors"] == [
        {
            "field": ["unitName"],
            "code": "NOT_FOUND",
            "message": "没有名为“不存在局”的单位",
        }
    ]
    typo = await api.data(ASSIGN, {"input": {**ASSIGN_INPUT, "unitName": "柏子镇"}}, token="office")
    assert typo["assignTask"]["userErrors"] == [
        {
            "field": ["unitName"],
            "code": "NOT_FOUND",
            "message": "没有名为“柏子镇”的单位，是否为“柏梓镇”？",
        }
    ]
    no_task = await api.data(ASSIGN, {"input": {**ASSIGN_INPUT, "taskNumber": 99}}, token="office")
    assert no_task["assignTask"]["userErrors"][0]["field"] == ["taskNumber"]
    assert await Assignment.all().count() == count


async def test_setting_related_towns_for_one_task(api: Api) -> None:
    mutation = """mutation($input: SetGroupMembersInput!) { setGroupMembers(input: $input) {
        group { name members(taskNumber: 4) { name } } userErrors { field code message } } }"""
    set_for = '{ unit(name: "相关镇街") { membersSet four: membersSetFor(taskNumber: 4) '
    set_for += "five: membersSetFor(taskNumber: 5) } }"
    assert (await api.data(set_for, token="viewer"))["unit"] == {
        "membersSet": False,
        "four": False,
        "five": False,
    }
    unscoped = await api.data(
        mutation,
        {"input": {"groupName": "相关镇街", "memberNames": ["双江镇"], "expectedVersion": 1}},
        token="office",
    )
    assert unscoped["setGroupMembers"]["userErrors"][0]["field"] == ["taskNumber"]

    done = await api.data(
        mutation,
        {
            "input": {
                "groupName": "相关镇街",
                "taskNumber": 4,
                "memberNames": ["双江镇", "崇龛镇"],
                "expectedVersion": 1,
            }
        },
        token="office",
    )
    assert done["setGroupMembers"] == {
        "group": {"name": "相关镇街", "members": [{"name": "双江镇"}, {"name": "崇龛镇"}]},
        "userErrors": [],
    }
    assert (await api.data(set_for, token="viewer"))["unit"] == {
        "membersSet": False,
        "four": True,
        "five": False,
    }
    chain = await api.data(
        '{ accountability(taskNumber: 4, unitName: "双江镇") { role paths { steps { name } } } }',
        token="viewer",
    )
    assert chain["accountability"]["role"] == "RESPONSIBLE"

    cycle = await api.data(
        mutation,
        {
            "input": {
                "groupName": "区巩固拓展脱贫攻坚成果专班成员单位",
                "memberNames": ["各镇街", "区巩固拓展脱贫攻坚成果专班成员单位"],
                "expectedVersion": 1,
            }
        },
        token="office",
    )
    assert cycle["setGroupMembers"]["userErrors"][0]["code"] == "INVALID"


async def test_import_plan_by_mutation_is_idempotent_and_reports_parse_errors(api: Api) -> None:
    from tests.support.files import PLAN_FILE

    text = PLAN_FILE.read_text(encoding="utf-8")
    mutation = """mutation($text: String!) { importPlan(input: {text: $text}) {
        created changes plan { code } userErrors { field message code } } }"""
    same = await api.data(mutation, {"text": text}, token="office")
    assert same["importPlan"] == {
        "created": False,
        "changes": [],
        "plan": {"code": "潼巩固专办发〔2025〕1号"},
        "userErrors": [],
    }
    broken = await api.data(
        mutation,
        {"text": text.replace("(牵头单位:区商务委;责任单位:各消费帮扶责任单位)", "")},
        token="office",
    )
    errors = broken["importPlan"]["userErrors"]
    assert [e["code"] for e in errors] == ["PARSE_ERROR"]
    assert errors[0]["message"].startswith("第34行：任务(十四)")
    refused = await api.data(mutation, {"text": text}, token="shuangjiang")
    assert refused["importPlan"]["userErrors"][0]["code"] == "FORBIDDEN"


async def test_bad_and_revoked_tokens_get_401(api: Api) -> None:
    response = await api.client.post(
        "/graphql",
        json={"query": "{ viewer { name } }"},
        headers={"Authorization": "Bearer tn_nope"},
    )
    assert response.status_code == 401
    assert "没有这个访问令牌" in response.text
    malformed = await api.client.post(
        "/graphql", json={"query": "{ viewer { name } }"}, headers={"Authorization": "Basic abc"}
    )
    assert malformed.status_code == 401

    viewer = await api.data(
        "{ viewer { name role unit { name } permissions } }", token="shuangjiang"
    )
    assert viewer["viewer"] == {
        "name": "test-shuangjiang",
        "role": "UNIT_REPORTER",
        "unit": {"name": "双江镇"},
        "permissions": [
            "account.change_password",
            "calendar.create",
            "calendar.revoke",
            "evidence.attach_item",
            "evidence.attach_report",
            "notify.mark_read",
            "notify.set_channel",
            "rectification.edit",
            "rectification.progress",
            "report.review",
            "report.save",
            "report.submit",
            "token.own",
            "upload.create",
        ],
    }
    await revoke_token(
        api.tokens["shuangjiang"][:10], Actor(name="cli:test", role=Role.OFFICE_ADMIN)
    )
    revoked = await api.post("{ viewer { name } }", token="shuangjiang")
    assert revoked.status_code == 401
    assert "已被吊销" in revoked.text
    anonymous = await api.data("{ viewer { name } }")
    assert anonymous == {"viewer": None}
