"""GraphQL documents of the supervision tests, and a helper that expects no userErrors."""

from __future__ import annotations

from typing import Any

from tests.support.api import Api

ITEM = """id status returned version warningLevel daysOverdue measures deadline
  responsibleUnit { name } responsiblePersons { name post } latestProgress sourceName"""
CREATE_SUPERVISION = """mutation($input: CreateSupervisionInput!) {
  createSupervision(input: $input) {
    supervision { id kind title version units { name } tasks { number }
      draw { seed count method tickets { unitName ticket picked } } }
    userErrors { field message code } } }"""
CREATE_FINDING = (
    """mutation($input: CreateFindingInput!) { createFinding(input: $input) {
  finding { id sourceName source version supervision { id } items { """
    + ITEM
    + """ } }
  userErrors { field message code } } }"""
)
PROGRESS = (
    """mutation($input: RecordRectificationProgressInput!) {
  recordRectificationProgress(input: $input) {
    item { """
    + ITEM
    + """ updates { reportedOn content statusAfter author } }
    update { reportedOn content statusAfter }
    userErrors { field message code } } }"""
)
UPDATE_ITEM = (
    """mutation($input: UpdateRectificationItemInput!) { updateRectificationItem(input: $input) {
  item { """
    + ITEM
    + """ } userErrors { field message code } } }"""
)
VERIFY = (
    """mutation($input: CheckRectificationItemInput!) { verifyRectificationItem(input: $input) {
  item { """
    + ITEM
    + """ verificationNote verifiedBy } userErrors { field message code } } }"""
)
REJECT = VERIFY.replace("verifyRectificationItem", "rejectRectificationItem")
ISSUE_URGE = """mutation($input: IssueUrgeNoticeInput!) { issueUrgeNotice(input: $input) {
  urgeNotice { id sequence issuedOn unit { name } items { kind refId text dueDate daysOverdue } }
  userErrors { field message code } } }"""
LEDGER = (
    """query($filter: RectificationFilter, $asOf: Date) {
  rectificationLedger(filter: $filter, asOf: $asOf) {
    asOf
    summary { total open inProgress completed verified overdue completionRate }
    bySource { sourceName tally { total completionRate } }
    byUnit { unit { name } tally { total overdue completionRate } }
    byTask { task { number } tally { total } }
    items(first: 50) { totalCount nodes { """
    + ITEM
    + """ } } } }"""
)
LEDGER_FILE = """query($filter: RectificationFilter) { rectificationLedgerFile(filter: $filter) {
  filename contentType contentBase64 rowCount } }"""
IMPORT = """mutation($input: ImportRectificationLedgerInput!) {
  importRectificationLedger(input: $input) {
    items { id responsibleUnit { name } status } findingsCreated
    rowErrors { row column columnLetter message }
    userErrors { field message code } } }"""


async def ok(api: Api, query: str, input: dict[str, Any], token: str, field: str) -> dict[str, Any]:
    """Run a mutation and expect it to succeed."""
    payload: dict[str, Any] = (await api.data(query, {"input": input}, token=token))[field]
    assert payload["userErrors"] == [], payload["userErrors"]
    return payload


async def refused(
    api: Api, query: str, input: dict[str, Any], token: str | None, field: str
) -> list[str]:
    """Run a mutation and return the codes of its userErrors (expected not to be empty)."""
    payload = (await api.data(query, {"input": input}, token=token))[field]
    codes = [e["code"] for e in payload["userErrors"]]
    assert codes, payload
    return codes
