"""Evidence (佐证材料) through HTTP on both backends: ``POST /uploads`` (a real PDF and PNG made
here; type by content; size, Origin, sign-in and malformed forms refused in Chinese),
``attachEvidence``, the item's ``evidence`` and history, ``GET /uploads/{id}`` only to those who
may read the item, and the ledger export's count."""

from __future__ import annotations

import functools
import io
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import unquote

import pytest
from PIL import Image

from tests.e2e.api.supervision_ops import CREATE_FINDING, LEDGER_FILE, PROGRESS, VERIFY, ok
from tests.e2e.api.supervision_sheets import sheet_rows
from tests.support.api import Api, api_for
from tongnan.domain.common.database import DatabaseUrl
from tongnan.domain.common.values import Role

ATTACH = """mutation($input: AttachEvidenceInput!) { attachEvidence(input: $input) {
  itemId version evidence { id uploadId name size contentType url uploadedBy }
  userErrors { field message code } } }"""
ITEM = """query($id: ID!) { node(id: $id) { ... on RectificationItem {
  version evidence { name size contentType url uploadedBy } } } }"""
HISTORY = """query($id: ID!) { history(id: $id) { action afterJson } }"""


@functools.cache
def pdf_bytes() -> bytes:
    """One PDF for the whole module (Pillow stamps each new one with the time)."""
    out = io.BytesIO()
    Image.new("RGB", (20, 20), "red").save(out, "PDF")
    return out.getvalue()


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(out, "PNG")
    return out.getvalue()


EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64 + b"This program"


async def upload(
    api: Api,
    name: str,
    data: bytes,
    token: str | None = "shuangjiang",
    **headers: str,
) -> tuple[int, dict[str, Any]]:
    if token is not None:
        headers["Authorization"] = f"Bearer {api.tokens[token]}"
    response = await api.client.post(
        "/uploads", files={"file": (name, data, "application/octet-stream")}, headers=headers
    )
    return response.status_code, response.json()


async def fetch(api: Api, url: str, token: str | None) -> Any:
    headers = {"Authorization": f"Bearer {api.tokens[token]}"} if token else {}
    return await api.client.get(url, headers=headers)


async def make_item(api: Api) -> dict[str, Any]:
    finding = await ok(
        api,
        CREATE_FINDING,
        {
            "description": "村级公示不及时",
            "source": "DISTRICT_SUPERVISION",
            "foundOn": "2025-06-20",
            "unitNames": ["双江镇"],
            "items": [
                {"measures": "每月公示", "deadline": "2025-09-30", "responsibleUnitName": "双江镇"}
            ],
        },
        "office",
        "createFinding",
    )
    item: dict[str, Any] = finding["finding"]["items"][0]
    return item


async def test_upload_attach_list_and_serve(api: Api) -> None:
    item = await make_item(api)
    status, pdf = await upload(api, "整改报告.pdf", pdf_bytes())
    assert status == 201, pdf
    assert (pdf["name"], pdf["contentType"]) == ("整改报告.pdf", "application/pdf")
    assert pdf["size"] == len(pdf_bytes()) and len(pdf["sha256"]) == 64
    # PNG bytes named .pdf: stored as the PNG it is
    status, png = await upload(api, "现场照片.pdf", png_bytes())
    assert status == 201 and (png["name"], png["contentType"]) == ("现场照片.png", "image/png")

    # before it is attached: its uploader alone
    assert (await fetch(api, f"/uploads/{pdf['id']}", "shuangjiang")).status_code == 200
    for other in ("office", "hr", "viewer"):
        assert (await fetch(api, f"/uploads/{pdf['id']}", other)).status_code == 404

    # another unit cannot attach it, nor attach to this unit's item
    await api.token_for("huayan", "花岩镇", Role.UNIT_REPORTER)
    refused = (
        await api.data(
            ATTACH,
            {"input": {"itemId": item["id"], "uploadIds": [pdf["id"]], "expectedVersion": 1}},
            "huayan",
        )
    )["attachEvidence"]
    assert refused["userErrors"] and refused["evidence"] is None

    attached = (
        await api.data(
            ATTACH,
            {
                "input": {
                    "itemId": item["id"],
                    "uploadIds": [pdf["id"], png["id"]],
                    "expectedVersion": item["version"],
                }
            },
            "shuangjiang",
        )
    )["attachEvidence"]
    assert attached["userErrors"] == []
    assert attached["version"] == item["version"] + 1
    assert [e["name"] for e in attached["evidence"]] == ["整改报告.pdf", "现场照片.png"]

    listed = (await api.data(ITEM, {"id": item["id"]}, "office"))["node"]
    assert [(e["name"], e["contentType"]) for e in listed["evidence"]] == [
        ("整改报告.pdf", "application/pdf"),
        ("现场照片.png", "image/png"),
    ]
    history = (await api.data(HISTORY, {"id": item["id"]}, "office"))["history"]
    assert history[-1]["action"] == "rectification.evidence_attached"
    assert "整改报告.pdf" in history[-1]["afterJson"]

    # attached: whoever may read the item (its unit, the office, supervisors, viewers)
    url = listed["evidence"][0]["url"]
    served = await fetch(api, url, "office")
    assert served.status_code == 200 and served.content == pdf_bytes()
    assert served.headers["content-type"] == "application/pdf"
    assert served.headers["x-content-type-options"] == "nosniff"
    disposition = served.headers["content-disposition"]
    assert disposition.startswith("attachment;")
    assert unquote(disposition.split("filename*=UTF-8''")[1]) == "整改报告.pdf"
    assert (await fetch(api, url, "viewer")).status_code == 200
    assert (await fetch(api, url, "shuangjiang")).status_code == 200
    hidden = await fetch(api, url, "hr")
    assert hidden.status_code == 404 and hidden.json() == {"error": "找不到这个文件,或您无权查看"}
    assert (await fetch(api, url, None)).status_code == 401
    assert (await fetch(api, "/uploads/not-an-id", "office")).status_code == 404
    assert (await fetch(api, "/uploads/99999999999", "office")).status_code == 404

    # an upload is attached once
    again = (
        await api.data(
            ATTACH,
            {"input": {"itemId": item["id"], "uploadIds": [pdf["id"]], "expectedVersion": 2}},
            "shuangjiang",
        )
    )["attachEvidence"]
    assert "已经作为佐证材料添加过" in again["userErrors"][0]["message"]

    # the ledger export counts the files
    file = (await api.data(LEDGER_FILE, {}, "office"))["rectificationLedgerFile"]
    rows = sheet_rows(file["contentBase64"])
    assert rows[0][-1] == "佐证材料" and rows[1][-1] == 2


@pytest.mark.parametrize(
    ("name", "data", "status", "words"),
    [
        ("病毒.pdf", EXE, 415, "不支持这种文件"),
        ("空.pdf", b"", 400, "空的"),
        ("a\x00b.pdf", None, 201, None),
        ("../../../etc/passwd.pdf", None, 201, None),
        ("..\\..\\boot.ini", None, 201, None),
    ],
)
async def test_hostile_files(
    api: Api, name: str, data: bytes | None, status: int, words: str | None
) -> None:
    got, body = await upload(api, name, pdf_bytes() if data is None else data)
    assert got == status, body
    if words is not None:
        assert words in body["error"]
    else:
        assert "/" not in body["name"] and "\\" not in body["name"] and "\x00" not in body["name"]
        assert body["name"].endswith(".pdf") and ".." not in body["name"]


async def test_refusals(api: Api) -> None:
    status, body = await upload(api, "a.pdf", pdf_bytes(), token=None)
    assert status == 401 and "登录" in body["error"]
    status, body = await upload(api, "a.pdf", pdf_bytes(), Origin="http://evil.example")
    assert status == 403 and "来源" in body["error"]
    status, _ = await upload(api, "a.pdf", pdf_bytes(), Origin="http://test")
    assert status == 201  # the server's own host
    status, body = await upload(api, "a.pdf", pdf_bytes(), token="viewer")
    assert status == 403 and "无权上传佐证材料" in body["error"]
    auth = {"Authorization": f"Bearer {api.tokens['office']}"}
    missing = await api.client.post(
        "/uploads", files={"other": ("a.pdf", pdf_bytes())}, headers=auth
    )
    assert missing.status_code == 400 and "file" in missing.json()["error"]
    field_only = await api.client.post("/uploads", files={"file": (None, b"text")}, headers=auth)
    assert field_only.status_code == 400 and "没有名为 file 的文件" in field_only.json()["error"]
    urlencoded = await api.client.post("/uploads", data={"file": "text"}, headers=auth)
    assert urlencoded.status_code == 415
    not_form = await api.client.post("/uploads", json={"file": "x"}, headers=auth)
    assert not_form.status_code == 415 and "multipart/form-data" in not_form.json()["error"]
    broken = await api.client.post(
        "/uploads",
        content=b"--x\r\nnonsense",
        headers={**auth, "Content-Type": "multipart/form-data; boundary=x"},
    )
    assert broken.status_code == 400 and broken.json()["error"]
    two = await api.client.post(
        "/uploads",
        files=[("file", ("a.pdf", pdf_bytes())), ("file", ("b.pdf", pdf_bytes()))],
        headers=auth,
    )
    assert two.status_code == 400 and "一次只能上传一个文件" in two.json()["error"]


@pytest.fixture
async def small_api(db_url: DatabaseUrl) -> AsyncIterator[Api]:
    async for value in api_for(db_url, upload_max_bytes=2048):
        yield value


async def test_oversize_is_413(small_api: Api) -> None:
    big = b"%PDF-1.4\n" + b"0" * (200 * 1024)
    status, body = await upload(small_api, "大文件.pdf", big)
    assert status == 413 and "上限" in body["error"]
    # just over the limit: refused after reading, still 413
    status, body = await upload(small_api, "略大.pdf", b"%PDF-1.4\n" + b"0" * 2048)
    assert status == 413 and "2048 字节" in body["error"]
    status, _ = await upload(small_api, "小.pdf", b"%PDF-1.4\n" + b"0" * 100)
    assert status == 201


@pytest.fixture
async def strict_api(db_url: DatabaseUrl) -> AsyncIterator[Api]:
    async for value in api_for(db_url, verify_requires_evidence=True):
        yield value


async def test_verification_can_require_evidence(strict_api: Api) -> None:
    api = strict_api
    item = await make_item(api)
    done = await ok(
        api,
        PROGRESS,
        {"itemId": item["id"], "expectedVersion": 1, "content": "已整改", "complete": True},
        "shuangjiang",
        "recordRectificationProgress",
    )
    version = done["item"]["version"]
    check = {"itemId": item["id"], "expectedVersion": version, "note": "核查通过"}
    refused = (await api.data(VERIFY, {"input": check}, "office"))["verifyRectificationItem"]
    assert "还没有佐证材料" in refused["userErrors"][0]["message"]
    status, body = await upload(api, "整改照片.png", png_bytes())
    assert status == 201
    attach = {"itemId": item["id"], "uploadIds": [body["id"]], "expectedVersion": version}
    assert (await api.data(ATTACH, {"input": attach}, "shuangjiang"))["attachEvidence"][
        "userErrors"
    ] == []
    check["expectedVersion"] = version + 1
    verified = (await api.data(VERIFY, {"input": check}, "office"))["verifyRectificationItem"]
    assert verified["userErrors"] == [] and verified["item"]["status"] == "VERIFIED"
