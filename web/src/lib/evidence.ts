// Attaching uploaded evidence (POST /uploads ids) to a rectification item or a progress report
// with attachEvidence and the object's version; the answer is the new version or the refusal.
import { AttachEvidenceDocument } from '../gql/graphql'
import { mutate } from '../api/run'
import { conflictText, findConflict } from './conflict'

/** A file already attached to a report or item (its link needs the session). */
export interface Attached {
  id: string
  name: string
  size: number
  url: string
}

export type AttachResult = { ok: true; version: number } | { ok: false; message: string }

export async function attachEvidence(itemId: string, uploadIds: string[], version: number): Promise<AttachResult> {
  const payload = (await mutate(AttachEvidenceDocument, { input: { itemId, uploadIds, expectedVersion: version } })).attachEvidence
  const conflict = findConflict(payload.userErrors)
  if (conflict) return { ok: false, message: conflictText(conflict) }
  if (payload.userErrors.length) return { ok: false, message: payload.userErrors.map((e) => e.message).join('；') }
  return { ok: true, version: payload.version ?? version }
}
