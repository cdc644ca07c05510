// Where a finding came from (问题来源), named as the server and the ledger's documents name it, and
// the source a clerk picked checked before it is sent: OTHER needs its own name. Pure.
import type { FindingSource } from '../../gql/graphql'

/** The server's SOURCE_LABELS (tongnan/domain/models/supervision.py), in its order. */
export const FINDING_SOURCES: Record<FindingSource, string> = {
  ASSESSMENT: '中市考核评估',
  INSPECTION: '市委巡视反馈',
  VISITS: '“大走访大排查大整改”',
  DISTRICT_SUPERVISION: '区级专项督查',
  OTHER: '其他来源',
}

export type SourcePick = { source: FindingSource; sourceName: string | null } | { error: string }

/** The source fields of a new finding, or why they cannot be sent. */
export function sourcePick(source: FindingSource | '', otherName: string): SourcePick {
  if (!source) return { error: '请选择问题来源' }
  const name = otherName.trim()
  if (source !== 'OTHER') return { source, sourceName: null }
  if (!name) return { error: '来源为“其他来源”时，请填写来源名称（如 区审计局专项审计）' }
  if (name.length > 128) return { error: '来源名称最多填写 128 字' }
  return { source, sourceName: name }
}
