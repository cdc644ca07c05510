"""``attachEvidence``: attach one's uploads (POST /uploads) to a rectification item or a
progress report, by whoever may change it, against the version read."""

from __future__ import annotations

import strawberry

from tongnan.domain import models
from tongnan.domain.common.actor import Actor
from tongnan.domain.common.errors import Invalid
from tongnan.domain.evidence import EvidenceTarget
from tongnan.domain.evidence import attach_evidence as attach_service
from tongnan.schema.common.context import Info
from tongnan.schema.common.errors import UserError
from tongnan.schema.common.ids import input_key, to_global_id
from tongnan.schema.common.use_case import run_use_case
from tongnan.schema.evidence.types import Evidence

_KINDS = {"RectificationItem": "item", "ProgressReport": "report"}


@strawberry.input(
    description="添加佐证材料:先用 POST /uploads 上传文件,再把得到的编号附到整改事项或进展报告 / "
    "Attach uploaded files (POST /uploads) to a rectification item or a progress report."
)
class AttachEvidenceInput:
    item_id: strawberry.ID = strawberry.field(
        description="整改事项或进展报告的编号 / a RectificationItem or ProgressReport id"
    )
    upload_ids: list[strawberry.ID] = strawberry.field(
        description="上传得到的文件编号 / the ids POST /uploads answered"
    )
    expected_version: int = strawberry.field(description="读取时的版本 / the version you read")


@strawberry.type
class AttachEvidencePayload:
    item_id: strawberry.ID | None = strawberry.field(description="附到的对象 / the object")
    version: int | None = strawberry.field(description="对象的新版本 / the object's new version")
    evidence: list[Evidence] | None = strawberry.field(
        description="该对象现有的全部佐证材料 / all the object's evidence now"
    )
    user_errors: list[UserError]


def _target(global_id: str) -> EvidenceTarget:
    for type_name, kind in _KINDS.items():
        try:
            key = input_key(global_id, type_name, ("itemId",))
        except Invalid:
            continue
        return EvidenceTarget("item" if kind == "item" else "report", key)
    raise Invalid("itemId:应为整改事项或进展报告的编号", ("itemId",))


@strawberry.mutation(
    description="添加佐证材料(整改事项:责任单位或专班办公室;进展报告:本单位,草稿或退回时)/ "
    "Attach evidence to an item (its unit or the office) or a report (its unit, while editable)."
)
async def attach_evidence(info: Info, input: AttachEvidenceInput) -> AttachEvidencePayload:
    async def work(actor: Actor) -> tuple[EvidenceTarget, int, list[Evidence]]:
        target = _target(str(input.item_id))
        keys = [
            input_key(str(upload), "Upload", ("uploadIds", str(index)))
            for index, upload in enumerate(input.upload_ids)
        ]
        rows = await attach_service(actor, target, keys, input.expected_version, info.context.now())
        model = models.RectificationItem if target.kind == "item" else models.ProgressReport
        version = (await model.get(id=target.key)).version
        return target, version, Evidence.many(rows)

    result, errors = await run_use_case(info, "attachEvidence", work)
    if result is None:
        return AttachEvidencePayload(item_id=None, version=None, evidence=None, user_errors=errors)
    target, version, evidence = result
    type_name = "RectificationItem" if target.kind == "item" else "ProgressReport"
    return AttachEvidencePayload(
        item_id=strawberry.ID(to_global_id(type_name, target.key)),
        version=version,
        evidence=evidence,
        user_errors=[],
    )


@strawberry.type
class EvidenceMutation:
    attach_evidence = attach_evidence
