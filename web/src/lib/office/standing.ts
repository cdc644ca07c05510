// The office's reading of a round (pure): who owes which report (the matrix's cells: a lead owes
// the consolidated report, a responsible unit its own), each obligation's state and colour, each
// unit's tally and its place in the ranking (equal places as 并列), and target verdicts in words.
import type { Tag, WarningLevel } from '../format'

export type ObligationKind = 'UNIT' | 'CONSOLIDATED'

export interface ReportLike {
  kind: string
  status: string
  late: boolean
  unit: { name: string }
}
export interface RoundTaskLike {
  task: { number: number }
  reports: readonly ReportLike[]
}
export interface WarningLike {
  level: string
  kind: string
  daysLate: number
  unit: { name: string }
  task: { number: number }
  round: { id: string }
}
export interface MatrixLike {
  columns: ReadonlyArray<{ unit: { name: string } }>
  rows: ReadonlyArray<{
    task: { number: number }
    cells: ReadonlyArray<{ column: number; lead?: string | null; responsible?: string | null }>
  }>
}

export interface Obligation {
  unitName: string
  taskNumber: number
  kind: ObligationKind
  status: string | null // the report's status; null: nothing saved yet
  late: boolean // submitted after the due date, or overdue and not submitted
  level: WarningLevel | null // the warning raised on it, if any
  daysLate: number
}

const DONE = new Set(['SUBMITTED', 'ACCEPTED'])

export function obligationsOf(
  matrix: MatrixLike,
  roundId: string,
  tasks: readonly RoundTaskLike[],
  warnings: readonly WarningLike[],
): Obligation[] {
  const inRound = new Map(tasks.map((t) => [t.task.number, t]))
  const warned = new Map<string, WarningLike>()
  for (const w of warnings) {
    if (w.round.id === roundId) warned.set(`${w.unit.name}|${w.task.number}|${w.kind}`, w)
  }
  const out: Obligation[] = []
  for (const row of matrix.rows) {
    const task = inRound.get(row.task.number)
    if (!task) continue
    for (const cell of row.cells) {
      const unitName = matrix.columns[cell.column]?.unit.name
      if (!unitName) continue
      const kinds: ObligationKind[] = []
      if (cell.lead) kinds.push('CONSOLIDATED')
      if (cell.responsible) kinds.push('UNIT')
      for (const kind of kinds) {
        const report = task.reports.find((r) => r.unit.name === unitName && r.kind === kind)
        const warning = warned.get(`${unitName}|${row.task.number}|${kind}`)
        const status = report?.status ?? null
        const overdue = warning?.level === 'RED' && !DONE.has(status ?? '')
        out.push({
          unitName,
          taskNumber: row.task.number,
          kind,
          status,
          late: Boolean(report?.late) || overdue,
          level: (warning?.level as WarningLevel | undefined) ?? null,
          daysLate: warning?.daysLate ?? 0,
        })
      }
    }
  }
  return out
}

export interface UnitStanding {
  unitName: string
  owed: number
  submitted: number // submitted or accepted
  accepted: number
  late: number
  rate: number // submitted / owed, 0–1
  rank: number
  tied: boolean
}

/** Each unit's tally, best first: the most submitted (share of what it owes), then the most
 * accepted, then the fewest late; units equal on all three share a place (并列). */
export function standings(obligations: readonly Obligation[]): UnitStanding[] {
  const byUnit = new Map<string, UnitStanding>()
  for (const o of obligations) {
    const s = byUnit.get(o.unitName) ?? { unitName: o.unitName, owed: 0, submitted: 0, accepted: 0, late: 0, rate: 0, rank: 0, tied: false }
    s.owed++
    if (DONE.has(o.status ?? '')) s.submitted++
    if (o.status === 'ACCEPTED') s.accepted++
    if (o.late) s.late++
    byUnit.set(o.unitName, s)
  }
  const list = [...byUnit.values()]
  list.forEach((s) => (s.rate = s.owed ? s.submitted / s.owed : 0))
  const key = (s: UnitStanding) => [s.rate, s.owed ? s.accepted / s.owed : 0, -s.late]
  const compare = (a: UnitStanding, b: UnitStanding) => {
    const ka = key(a)
    const kb = key(b)
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return kb[i] - ka[i]
    return 0
  }
  list.sort((a, b) => compare(a, b) || a.unitName.localeCompare(b.unitName, 'zh-CN'))
  list.forEach((s, i) => {
    const prev = list[i - 1]
    s.rank = prev && compare(prev, s) === 0 ? prev.rank : i + 1
  })
  const counts = new Map<number, number>()
  list.forEach((s) => counts.set(s.rank, (counts.get(s.rank) ?? 0) + 1))
  list.forEach((s) => (s.tied = (counts.get(s.rank) ?? 0) > 1))
  return list
}

export function rankText(s: Pick<UnitStanding, 'rank' | 'tied'>): string {
  return s.tied ? `并列第${s.rank}名` : `第${s.rank}名`
}

/** 报送率 as written: 67%. */
export function percent(part: number, whole: number): string {
  if (!whole) return '—'
  return `${Math.round((part / whole) * 100)}%`
}

const ATTAINMENT: Record<string, Tag> = {
  ATTAINED: { type: 'success', text: '达标' },
  NOT_ATTAINED: { type: 'danger', text: '未达标' },
  PENDING: { type: 'warning', text: '待定' },
  NO_DATA: { type: 'info', text: '暂无数据' },
  NOT_EVALUABLE: { type: 'warning', text: '无法判定' },
  NOT_APPLICABLE: { type: 'info', text: '不适用' },
}

export function attainmentTag(a: string): Tag {
  return ATTAINMENT[a] ?? { type: 'info', text: a }
}

/** The word of one cell of the grid: its state, with the colour as a tag type. */
export function obligationTag(o: Pick<Obligation, 'status' | 'late' | 'level'>): Tag {
  if (o.status === 'ACCEPTED') return { type: 'success', text: o.late ? '通过(逾期报)' : '已通过' }
  if (o.status === 'SUBMITTED') return { type: o.late ? 'warning' : 'primary', text: o.late ? '逾期报送' : '已报送' }
  if (o.status === 'RETURNED') return { type: 'warning', text: '已退回' }
  if (o.level === 'RED') return { type: 'danger', text: '逾期未报' }
  if (o.level === 'YELLOW') return { type: 'warning', text: '临期未报' }
  return { type: 'info', text: o.status === 'DRAFT' ? '草稿' : '未报' }
}

export const KIND_WORDS: Record<string, string> = { UNIT: '单位报告', CONSOLIDATED: '汇总报告' }
