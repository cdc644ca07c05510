// A version conflict (someone saved the report since it was read): what to tell the clerk and
// how to reload without losing what was typed. Pure.
import type { ReportDraft } from './drafts'

export interface UserErrorLike {
  field?: readonly string[] | null
  message: string
  code: string
}

export interface Conflict {
  message: string // the server's words, e.g. 该报告已被 张三 于 2025年6月3日 14:05 修改
  who: string | null
  when: string | null // HH:mm as the message wrote it
}

/** The conflict among a payload's userErrors, if any. */
export function findConflict(errors: readonly UserErrorLike[]): Conflict | null {
  const error = errors.find((e) => e.code === 'CONFLICT')
  if (!error) return null
  const match = /已被\s*(.+?)\s*于\s*(.+?)\s*(?:修改|改动|更新|审核|报送)/.exec(error.message)
  const time = match ? /(\d{1,2}:\d{2})/.exec(match[2]) : null
  return { message: error.message, who: match ? match[1] : null, when: time ? time[1] : null }
}

/** The words shown on a conflict: the server's message, and what the clerk may do. */
export function conflictText(conflict: Conflict): string {
  const head = conflict.who && conflict.when
    ? `该报告已被 ${conflict.who} 于 ${conflict.when} 修改`
    : conflict.message
  return `${head}。点击“重新载入”取回最新内容，您填写的内容会保留在表单中。`
}

/**
 * Reload after a conflict: the server's newest report under what the clerk typed. Every field
 * the clerk changed from the version they started on keeps the typed text; fields they did not
 * touch take the server's newest; the new base version is the server's.
 */
export function rebase(typed: ReportDraft, started: ReportDraft, latest: ReportDraft, latestVersion: number): ReportDraft {
  const pick = <K extends 'summary' | 'completion' | 'problems' | 'nextSteps'>(k: K) =>
    typed[k] !== started[k] ? typed[k] : latest[k]
  const values: Record<string, string> = { ...latest.values }
  for (const [id, v] of Object.entries(typed.values)) {
    if ((started.values[id] ?? '') !== v) values[id] = v
  }
  return {
    summary: pick('summary'),
    completion: pick('completion'),
    problems: pick('problems'),
    nextSteps: pick('nextSteps'),
    values,
    evidenceIds: Array.from(new Set([...latest.evidenceIds, ...typed.evidenceIds])),
    baseVersion: latestVersion,
    savedAt: typed.savedAt,
  }
}
