// Attaching uploaded evidence to a rectification item (attachEvidence, with the item's version).
// Until the server offers attachEvidence, this says so in Chinese rather than pretending.
export type AttachResult = { ok: true; version: number } | { ok: false; message: string }

export async function attachToItem(_itemId: string, _uploadIds: string[], _version: number): Promise<AttachResult> {
  return { ok: false, message: '服务器尚未开放佐证材料关联，请稍后再试' }
}
