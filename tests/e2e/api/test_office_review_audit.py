"""The office's 审核 and 审计 through the API: which reports the office reviews (a lead's
consolidated report, not the towns'), and the audit chain's state with its verifications
(立即核验 by the office, recorded and audited; read by supervisors; refused to the others)."""

from __future__ import annotations

from typing import Any

from tests.support.api import Api
from tests.support.audit import as_owner
from tongnan.domain.models import AuditEvent, AuditVerification

OPEN = """mutation($input: OpenReportingRoundInput!) { openReportingRound(input: $input) {
  round { id } userErrors { field message code } } }"""
TARGETS = "{ task(number: 7) { targets { id metric } } }"
SUBMIT = """mutation($input: ProgressReportInput!) { submitProgressReport(input: $input) {
  report { id } userErrors { field message code } } }"""
ROUND_REPORTS = """query($id: ID!) { round(id: $id) { tasks { task { number }
  reports { kind status reviewedByOffice unit { name } } } } }"""
CHAIN = """{ auditChain { events seals sealedEvents unsealedEvents checkpoints lastCheckpointAt
  lastSeal { seq } lastVerification { ok by source events seals problemCount problems } } }"""
VERIFY = """mutation { verifyAuditTrail { verification { ok source by events }
  chain { lastVerification { ok } } userErrors { message code } } }"""


async def done(api: Api, query: str, input: dict[str, Any], token: str) -> dict[str, Any]:
    [payload] = (await api.data(query, {"input": input}, token=token)).values()
    assert payload["userErrors"] == [], payload["userErrors"]
    result: dict[str, Any] = payload
    return result


async def test_the_office_reviews_the_leads_consolidated_report(api: Api) -> None:
    opened = await done(
        api,
        OPEN,
        {"name": "6月调度", "dueDate": "2099-06-25", "taskNumbers": [7], "confirm": True},
        "office",
    )
    round_id = opened["round"]["id"]
    [target, *_] = (await api.data(TARGETS))["task"]["targets"]

    def report(**more: Any) -> dict[str, Any]:
        return {
            "roundId": round_id,
            "taskNumber": 7,
            "summary": "稳步推进",
            "completion": 50,
            "values": [{"targetId": target["id"], "value": "1,860人"}],
            "expectedVersion": 0,
            **more,
        }

    await done(api, SUBMIT, report(), "shuangjiang")
    await done(api, SUBMIT, report(kind="CONSOLIDATED"), "hr")
    data = await api.data(ROUND_REPORTS, {"id": round_id}, token="office")
    [task] = data["round"]["tasks"]
    by_unit = {(r["unit"]["name"], r["kind"]): r["reviewedByOffice"] for r in task["reports"]}
    assert by_unit == {("双江镇", "UNIT"): False, ("区人力社保局", "CONSOLIDATED"): True}


async def test_the_chain_state_and_a_verification_from_the_workbench(api: Api) -> None:
    before = (await api.data(CHAIN, token="office"))["auditChain"]
    assert before["events"] > 0  # the plan's import
    assert before["lastVerification"] is None
    assert before["unsealedEvents"] == before["events"] - before["sealedEvents"]

    # a supervisor reads it, but may not verify; a town and a viewer may not read it
    assert (await api.data(CHAIN, token="supervisor"))["auditChain"]["events"] == before["events"]
    for token in ("shuangjiang", "viewer"):
        body = (await api.post(CHAIN, token=token)).json()
        assert "审计留痕的核验状态" in body["errors"][0]["message"], body
    refused = (await api.data(VERIFY, token="supervisor"))["verifyAuditTrail"]
    assert refused["verification"] is None
    assert "无权核验审计留痕" in refused["userErrors"][0]["message"]

    verified = (await api.data(VERIFY, token="office"))["verifyAuditTrail"]
    assert verified["userErrors"] == []
    assert verified["verification"]["ok"] is True
    assert verified["verification"]["source"] == "web"
    assert verified["verification"]["events"] == before["events"]
    assert verified["chain"]["lastVerification"] == {"ok": True}

    # stored and audited; the next read shows it (never a cached answer from before)
    after = (await api.data(CHAIN, token="office"))["auditChain"]
    assert after["lastVerification"]["ok"] is True
    assert after["lastVerification"]["problemCount"] == 0
    assert after["events"] == before["events"] + 1  # the verification's own event
    row = await AuditVerification.all().get()
    assert (row.ok, row.source, row.events) == (True, "web", before["events"])
    event = await AuditEvent.filter(action="audit.verified").get()
    assert event.object_type == "AuditVerification" and event.object_id == str(row.id)


async def test_a_tampered_trail_is_reported_with_what_was_found(api: Api, backend: str) -> None:
    first = await AuditEvent.all().order_by("id").first()
    assert first is not None
    await as_owner(
        backend, "audit_event", f"UPDATE audit_event SET actor = 'x' WHERE id = {first.id}"
    )
    verified = (await api.data(VERIFY, token="office"))["verifyAuditTrail"]
    assert verified["verification"]["ok"] is False
    chain = (await api.data(CHAIN, token="office"))["auditChain"]["lastVerification"]
    assert chain["problemCount"] >= 1
    assert any(f"第 {first.id} 号留痕记录的内容被改过" in p for p in chain["problems"])
