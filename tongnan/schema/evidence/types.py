"""``Evidence`` (佐证材料): one file attached to a rectification item or a progress report, and
the per-request batches that list the files of many items or reports at once."""

from __future__ import annotations

import datetime as dt

import strawberry

from tongnan.domain import models
from tongnan.domain.evidence import evidence_batch
from tongnan.schema.common.ids import to_global_id


@strawberry.type(
    description="佐证材料:附在整改事项或进展报告上的一个文件 / One file attached as evidence."
)
class Evidence:
    id: strawberry.ID
    upload_id: strawberry.ID = strawberry.field(description="上传时得到的编号 / the upload's id")
    name: str = strawberry.field(description="文件名(上传时的名称)/ the file's name as sent")
    size: int = strawberry.field(description="字节数 / size in bytes")
    content_type: str = strawberry.field(description="按内容判断的类型 / the type by content")
    url: str = strawberry.field(description="下载地址(需登录)/ where to fetch it (signed in)")
    uploaded_at: dt.datetime
    uploaded_by: str
    attached_at: dt.datetime
    attached_by: str

    @classmethod
    def of(cls, link: models.Evidence, upload: models.Upload) -> Evidence:
        upload_id = to_global_id("Upload", upload.id)
        return cls(
            id=strawberry.ID(to_global_id("Evidence", link.id)),
            upload_id=strawberry.ID(upload_id),
            name=upload.name,
            size=upload.size,
            content_type=upload.content_type,
            url=f"/uploads/{upload_id}",
            uploaded_at=upload.created_at,
            uploaded_by=upload.uploaded_by,
            attached_at=link.attached_at,
            attached_by=link.attached_by,
        )

    @classmethod
    def many(cls, rows: list[tuple[models.Evidence, models.Upload]]) -> list[Evidence]:
        return [cls.of(link, upload) for link, upload in rows]


async def evidence_of_items(keys: list[int]) -> list[list[tuple[models.Evidence, models.Upload]]]:
    return await evidence_batch("item", keys)


async def evidence_of_reports(
    keys: list[int],
) -> list[list[tuple[models.Evidence, models.Upload]]]:
    return await evidence_batch("report", keys)
