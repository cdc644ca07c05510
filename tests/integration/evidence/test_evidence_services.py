"""Evidence on both backends: the file stores keep one copy per content; uploads are attached
by whoever may change the item or report; the files are readable by whoever may read what they
are attached to (a draft's only by its unit); verification can require evidence."""

from __future__ import annotations

import asyncio
import datetime as dt
import io
from pathlib import Path

import pytest
from PIL import Image

from tests.integration.reporting.seed import JUNE_1, june_round, report
from tests.integration.supervision.seed import (
    NOW,
    OFFICE,
    SUPERVISOR,
    VIEWER,
    finding,
    import_seed,
    item,
    reporter,
)
from tongnan.domain.common.database import DatabaseUrl
from tongnan.domain.common.errors import Conflict, Invalid, NotFound
from tongnan.domain.common.file_store import (
    DatabaseFileStore,
    FolderFileStore,
    content_hash,
    parse_store,
)
from tongnan.domain.common.permissions import PermissionDenied
from tongnan.domain.evidence import (
    EvidenceTarget,
    UnsupportedFile,
    attach_evidence,
    evidence_counts,
    readable_upload,
    receive_upload,
)
from tongnan.domain.models import AuditEvent, RectificationItem, StoredBlob, Upload
from tongnan.domain.models.supervision import RectificationStatus
from tongnan.domain.reporting.reports import save_draft, submit_report
from tongnan.domain.supervision.findings import create_finding
from tongnan.domain.supervision.rectification import record_progress, verify_item

DEADLINE = dt.date(2025, 9, 30)
LIMIT = 1024 * 1024


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "green").save(out, "PNG")
    return out.getvalue()


async def test_the_database_store_keeps_one_copy_per_content(db: DatabaseUrl) -> None:
    await import_seed()
    store = DatabaseFileStore()
    town = await reporter("双江镇")
    first = await receive_upload(town, "照片.png", png(), store, NOW, max_bytes=LIMIT)
    second = await receive_upload(OFFICE, "同一张.png", png(), store, NOW, max_bytes=LIMIT)
    assert first.sha256 == second.sha256 == content_hash(png())
    assert await StoredBlob.all().count() == 1
    assert await Upload.all().count() == 2
    assert await store.get(first.sha256) == png()
    assert await store.exists(first.sha256)
    assert await store.get("0" * 64) is None
    with pytest.raises(UnsupportedFile):
        await receive_upload(town, "a.png", b"MZ\x90\x00", store, NOW, max_bytes=LIMIT)
    with pytest.raises(PermissionDenied):
        await receive_upload(VIEWER, "a.png", png(), store, NOW, max_bytes=LIMIT)
    assert await Upload.all().count() == 2  # nothing stored for a refusal


async def test_the_folder_store(tmp_path: Path) -> None:
    store = parse_store(f"folder:{tmp_path}")
    assert isinstance(store, FolderFileStore)
    digest = content_hash(png())
    await store.put(digest, png())
    await store.put(digest, png())
    stored = await asyncio.to_thread(lambda: [p.name for p in tmp_path.rglob("*") if p.is_file()])
    assert stored == [digest]
    assert await store.get(digest) == png() and await store.exists(digest)
    with pytest.raises(ValueError, match="不符"):
        await store.put(digest, b"other bytes")
    with pytest.raises(ValueError, match="SHA-256"):
        await store.get("../../etc/passwd")
    with pytest.raises(ValueError, match="TONGNAN_UPLOAD_STORE"):
        parse_store("s3:bucket")


async def _item() -> RectificationItem:
    await import_seed()
    made = await create_finding(SUPERVISOR, finding(item("双江镇", DEADLINE)), NOW)
    return await RectificationItem.get(finding_id=made.id)


async def test_attaching_to_an_item_and_verifying_with_evidence(db: DatabaseUrl) -> None:
    row = await _item()
    town = await reporter("双江镇")
    other = await reporter("花岩镇")
    store = DatabaseFileStore()
    upload = await receive_upload(town, "现场.png", png(), store, NOW, max_bytes=LIMIT)
    row, _ = await record_progress(
        town, row.id, 1, dt.date(2025, 6, 30), "已整改", NOW, complete=True
    )
    with pytest.raises(Invalid) as missing:
        await verify_item(OFFICE, row.id, row.version, "核查通过", NOW, requires_evidence=True)
    assert "佐证材料" in missing.value.message

    target = EvidenceTarget("item", row.id)
    with pytest.raises(PermissionDenied):  # another town's item
        await attach_evidence(other, target, [upload.id], row.version, NOW)
    mine = await receive_upload(other, "别的.png", png(), store, NOW, max_bytes=LIMIT)
    with pytest.raises(NotFound):  # another person's upload is not revealed
        await attach_evidence(town, target, [mine.id], row.version, NOW)
    with pytest.raises(Conflict):  # a stale version
        await attach_evidence(town, target, [upload.id], row.version - 1, NOW)

    attached = await attach_evidence(town, target, [upload.id], row.version, NOW)
    assert [u.name for _, u in attached] == ["现场.png"]
    assert await evidence_counts([row.id]) == {row.id: 1}
    event = await AuditEvent.filter(action="rectification.evidence_attached").get()
    assert event.object_id == str(row.id) and event.after["evidence"] == ["现场.png"]

    assert await readable_upload(town, upload.id) is not None
    assert await readable_upload(OFFICE, upload.id) is not None
    assert await readable_upload(VIEWER, upload.id) is not None
    assert await readable_upload(other, upload.id) is None
    assert await readable_upload(None, upload.id) is None

    row = await RectificationItem.get(id=row.id)
    verified = await verify_item(
        OFFICE, row.id, row.version, "核查通过", NOW, requires_evidence=True
    )
    assert verified.status is RectificationStatus.VERIFIED
    late = await receive_upload(town, "晚了.png", png(), store, NOW, max_bytes=LIMIT)
    with pytest.raises(Conflict):  # verified: closed
        await attach_evidence(town, target, [late.id], verified.version, NOW)


async def test_a_drafts_evidence_stays_with_its_unit(db: DatabaseUrl) -> None:
    round_ = await june_round()
    town = await reporter("双江镇")
    lead = await reporter("区人力社保局")
    other = await reporter("花岩镇")
    store = DatabaseFileStore()
    draft = await save_draft(town, report(round_), JUNE_1)
    upload = await receive_upload(town, "台账.png", png(), store, JUNE_1, max_bytes=LIMIT)
    target = EvidenceTarget("report", draft.id)
    with pytest.raises(NotFound):  # another unit's report, draft or not, is not revealed
        await attach_evidence(other, target, [upload.id], 1, JUNE_1)
    with pytest.raises(PermissionDenied):
        await attach_evidence(OFFICE, target, [upload.id], 1, JUNE_1)
    await attach_evidence(town, target, [upload.id], 1, JUNE_1)

    assert await readable_upload(town, upload.id) is not None
    for outsider in (OFFICE, VIEWER, lead, other):
        assert await readable_upload(outsider, upload.id) is None

    submitted = await submit_report(town, report(round_, expected_version=2), JUNE_1)
    assert submitted.version == 3
    for reader in (town, OFFICE, VIEWER, lead):
        assert await readable_upload(reader, upload.id) is not None
    assert await readable_upload(other, upload.id) is None

    late = await receive_upload(town, "补充.png", png(), store, JUNE_1, max_bytes=LIMIT)
    with pytest.raises(Conflict):  # submitted: no longer editable
        await attach_evidence(town, target, [late.id], 3, JUNE_1)
