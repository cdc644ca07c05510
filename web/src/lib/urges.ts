// Which issued 催办通知 document prints which urge notice. The API links neither way yet, so a
// notice takes the earliest unclaimed urge-notice document issued on or after its day. Pure.

export interface NoticeLike {
  id: string
  sequence: number
  issuedOn: string
}
export interface DocumentLike {
  id: string
  issuedOn: string
}

export function pairNoticesWithDocuments<N extends NoticeLike, D extends DocumentLike>(
  notices: readonly N[],
  documents: readonly D[],
): Array<{ notice: N; document: D | null }> {
  const free = [...documents].sort((a, b) => a.issuedOn.localeCompare(b.issuedOn) || a.id.localeCompare(b.id))
  const byAge = [...notices].sort((a, b) => a.sequence - b.sequence)
  const paired = new Map<string, D | null>()
  for (const notice of byAge) {
    const i = free.findIndex((d) => d.issuedOn >= notice.issuedOn)
    paired.set(notice.id, i >= 0 ? free.splice(i, 1)[0] : null)
  }
  return [...notices].sort((a, b) => b.sequence - a.sequence).map((notice) => ({ notice, document: paired.get(notice.id) ?? null }))
}
