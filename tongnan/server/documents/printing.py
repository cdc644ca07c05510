"""``tongnan render``: documents to PDF files from the command line, with a progress bar.

An issued kind (progress-bulletin, supervision-bulletin, rectification-ledger, urge-notice) is
reprinted from the snapshot of its latest issue; with ``--issue`` one not yet issued is issued
(numbered and stored) first; otherwise it is printed as a draft with the number left blank.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from tongnan.domain.common.actor import Actor
from tongnan.domain.common.clock import Clock, SystemClock, local_date
from tongnan.domain.documents.context_snapshot import load_snapshot
from tongnan.domain.documents.issuing import configured_prefixes, get_document, issue_document
from tongnan.domain.documents.kinds import PLAN_DOCUMENTS, IssueRequest, prepare, urge_notice_ids
from tongnan.domain.models import Document
from tongnan.domain.rules.numbering import draft_number, prefix_for
from tongnan.domain.rules.warnings import WarningPolicy
from tongnan.server.documents.render import DocumentRenderer

REPRINT = "document"


@dataclass(frozen=True, slots=True)
class Job:
    """One PDF to write: what to render, where, and a line saying what it is."""

    path: Path
    template: str
    context: dict[str, Any]
    note: str


async def _latest(request: IssueRequest) -> Document | None:
    """The latest issue made from exactly what ``request`` names (a whole-plan ledger is not
    one narrowed to a supervision)."""
    query = Document.filter(kind=request.kind)
    for name, value in (
        ("round_id", request.round_id),
        ("supervision_id", request.supervision_id),
        ("urge_notice_id", request.urge_notice_id),
    ):
        query = query.filter(**({name: value} if value is not None else {f"{name}__isnull": True}))
    if request.plan_code is not None:
        query = query.filter(plan__code=request.plan_code)
    return await query.order_by("-id").first()


def _reprint(document: Document, path: Path, verb: str = "reprinted") -> Job:
    note = f"{verb} {document.code} {document.title} (document {document.id})"
    return Job(path, document.template, load_snapshot(document.snapshot), note)


async def issued_job(
    request: IssueRequest, path: Path, *, issue: bool, clock: Clock, policy: WarningPolicy
) -> Job:
    """The latest issue of ``request``'s document, a new issue, or a draft."""
    found = await _latest(request)
    if found is not None:
        return _reprint(found, path)
    now = clock.now()
    if issue:
        document = await issue_document(Actor.operator(), request, now, policy=policy)
        return _reprint(document, path, "issued")
    today = local_date(now)
    draft = await prepare(request, today, policy)
    number = draft_number(prefix_for(request.kind, configured_prefixes()), today.year)
    note = f"draft of {draft.title}: not issued, no number (add --issue to issue it)"
    return Job(path, draft.template, draft.build(number), note)


async def jobs_for(args: Any, *, clock: Clock, policy: WarningPolicy) -> list[Job]:
    """What ``tongnan render`` was asked for, as jobs."""
    out = Path(args.output)
    if args.kind in PLAN_DOCUMENTS:
        stored = PLAN_DOCUMENTS[args.kind]
        context = dict(await stored.context(args.plan))
        return [Job(out, stored.template, context, f"{stored.title} of the plan")]
    if args.kind == REPRINT:
        if args.id is None:
            raise ValueError("重印文件要用 --id 写明文件编号（已印发的文件）")
        document = await get_document(Actor.operator(), args.id)
        return [_reprint(document, out)]
    if args.all_urge_notices:
        if args.kind != "urge-notice":
            raise ValueError("--all-urge-notices 只能和 urge-notice（催办通知）一起用")
        jobs = []
        for key in await urge_notice_ids(args.plan):
            request = IssueRequest(kind="urge-notice", plan_code=args.plan, urge_notice_id=key)
            path = out / f"urge-notice-{key}.pdf"
            jobs.append(
                await issued_job(request, path, issue=args.issue, clock=clock, policy=policy)
            )
        return jobs
    request = IssueRequest(
        kind=args.kind,
        plan_code=args.plan,
        round_id=args.round,
        supervision_id=args.supervision,
        urge_notice_id=args.urge,
        title=args.title,
    )
    return [await issued_job(request, out, issue=args.issue, clock=clock, policy=policy)]


def progress_bar(done: int, total: int, label: str, stream: TextIO, width: int = 30) -> None:
    """``[#########.........]  3/10 label`` on one line, redrawn in place."""
    filled = width * done // total if total else width
    bar = "#" * filled + "." * (width - filled)
    stream.write(f"\r[{bar}] {done:>{len(str(total))}}/{total} {label[:40]:<40}")
    if done == total:
        stream.write("\n")
    stream.flush()


async def render_jobs(
    jobs: Sequence[Job], renderer: DocumentRenderer, stream: TextIO = sys.stderr
) -> None:
    """Render every job (as many at once as the renderer has workers), writing each file as it
    is done; a progress bar on ``stream`` when there is more than one."""
    done = 0
    if len(jobs) > 1:
        progress_bar(0, len(jobs), "", stream)

    async def one(job: Job) -> None:
        nonlocal done
        pdf = await renderer.render(job.template, job.context)
        job.path.parent.mkdir(parents=True, exist_ok=True)
        job.path.write_bytes(pdf)
        done += 1
        if len(jobs) > 1:
            progress_bar(done, len(jobs), job.path.name, stream)

    await asyncio.gather(*(one(job) for job in jobs))


async def render_command(args: Any, *, yellow_days: int, clock: Clock | None = None) -> list[Job]:
    """Build the jobs and render them; each job's note and file go to stdout."""
    policy = WarningPolicy(yellow_within_days=yellow_days)
    jobs = await jobs_for(args, clock=clock or SystemClock(), policy=policy)
    if not jobs:
        print("nothing to render", file=sys.stderr)
        return jobs
    # one document: render it here; several: a pool of processes renders them side by side
    many = len(jobs) > 1
    renderer = DocumentRenderer(
        workers=min(len(jobs), 2), timeout=args.timeout, mode="process" if many else "thread"
    )
    try:
        await render_jobs(jobs, renderer)
    finally:
        await asyncio.to_thread(renderer.shutdown)
    for job in jobs:
        print(f"{job.path}: {job.note}")
    return jobs


__all__ = ["Job", "progress_bar", "render_command", "render_jobs"]
