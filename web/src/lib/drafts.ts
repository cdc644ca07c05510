// Drafts kept in the browser while typing, until the server has them (saved or submitted).
// Keyed by user, round, task and kind, so another user of the same browser never sees them;
// the store is injected (localStorage in the page, a Map in tests).

export interface ReportDraft {
  summary: string
  completion: number
  problems: string
  nextSteps: string
  values: Record<string, string> // target id → value as typed
  evidenceIds: string[]
  baseVersion: number // the server version the typing started from
  savedAt: string // ISO time of the last keystroke kept
}

export interface KeyValueStore {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

const PREFIX = 'tongnan.draft.v1'

export function draftKey(user: string, roundId: string, taskNumber: number, kind: string): string {
  return `${PREFIX}:${encodeURIComponent(user)}:${roundId}:${taskNumber}:${kind}`
}

export function emptyDraft(): ReportDraft {
  return {
    summary: '',
    completion: 0,
    problems: '',
    nextSteps: '',
    values: {},
    evidenceIds: [],
    baseVersion: 0,
    savedAt: new Date(0).toISOString(),
  }
}

export function keepDraft(store: KeyValueStore, key: string, draft: ReportDraft, now: Date = new Date()): void {
  const kept: ReportDraft = { ...draft, savedAt: now.toISOString() }
  try {
    store.setItem(key, JSON.stringify(kept))
  } catch {
    // a full or disabled storage only loses the local copy; the form still holds the text
  }
}

export function loadDraft(store: KeyValueStore, key: string): ReportDraft | null {
  const raw = store.getItem(key)
  if (!raw) return null
  try {
    const parsed = JSON.parse(raw) as Partial<ReportDraft>
    if (typeof parsed !== 'object' || parsed === null) return null
    return { ...emptyDraft(), ...parsed, values: { ...(parsed.values ?? {}) } }
  } catch {
    return null
  }
}

export function forgetDraft(store: KeyValueStore, key: string): void {
  store.removeItem(key)
}

/** Forgets every draft kept for one user (signing out). */
export function forgetUserDrafts(store: KeyValueStore & { length: number; key(i: number): string | null }, user: string): void {
  const prefix = `${PREFIX}:${encodeURIComponent(user)}:`
  const keys: string[] = []
  for (let i = 0; i < store.length; i++) {
    const k = store.key(i)
    if (k && k.startsWith(prefix)) keys.push(k)
  }
  keys.forEach((k) => store.removeItem(k))
}

/** Whether a kept draft differs from what the server holds (so the form should offer it). */
export function differsFrom(draft: ReportDraft, server: ReportDraft): boolean {
  const fields: Array<keyof ReportDraft> = ['summary', 'completion', 'problems', 'nextSteps']
  if (fields.some((f) => draft[f] !== server[f])) return true
  const ids = new Set([...Object.keys(draft.values), ...Object.keys(server.values)])
  for (const id of ids) if ((draft.values[id] ?? '') !== (server.values[id] ?? '')) return true
  return false
}
