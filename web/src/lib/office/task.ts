// 任务 (one task) read for the office, supervisors, viewers and units (pure): its units by role with
// collective groups expanded to their members (a group whose members are not set is flagged), the
// reports of every round as a units × rounds table (a unit's: only the units it may read), the
// round whose verdicts are shown, the accountability chain in words, the unit picker's suggestions, the towns 相关镇街 may hold, and
// the chain picture as an <img> address (an image runs no script).
import type { Tag } from '../format'

export type Role = 'LEAD' | 'RESPONSIBLE'

export interface UnitLike {
  name: string
  kind: string
  membership: string
  membersSetFor: boolean
  version: number
  members: ReadonlyArray<{ name: string }>
}

export interface AssignmentLike {
  role: string
  position: number
  dueDate?: string | null
  version: number
  unit: UnitLike
}

export interface UnitRow {
  role: Role
  name: string
  dueDate: string | null
  version: number
  group: boolean
  members: string[]
  unresolved: boolean // a group whose members are not known for this task
  perTask: boolean // a group the office chooses per task (相关镇街)
  fixedGroup: boolean // a group with one list of members for every task (专班成员单位)
  groupVersion: number
}

/** The task's units in notice order, leads first, each group with its members for the task. */
export function unitRows(assignments: readonly AssignmentLike[]): UnitRow[] {
  const order = (r: string) => (r === 'LEAD' ? 0 : 1)
  return [...assignments]
    .sort((a, b) => order(a.role) - order(b.role) || a.position - b.position)
    .map((a) => {
      const group = a.unit.kind === 'GROUP'
      const members = a.unit.members.map((m) => m.name)
      return {
        role: a.role === 'LEAD' ? 'LEAD' : 'RESPONSIBLE',
        name: a.unit.name,
        dueDate: a.dueDate ?? null,
        version: a.version,
        group,
        members,
        unresolved: group && (!a.unit.membersSetFor || members.length === 0),
        perTask: group && a.unit.membership === 'PER_TASK',
        fixedGroup: group && a.unit.membership === 'STATIC',
        groupVersion: a.unit.version,
      }
    })
}

/** Every concrete unit the task reaches, in order, each once (groups replaced by members). */
export function concreteUnits(rows: readonly UnitRow[]): string[] {
  const seen = new Set<string>()
  for (const row of rows) for (const name of row.group ? row.members : [row.name]) seen.add(name)
  return [...seen]
}

/** The units whose reports on this task a unit may read (the server's read rule for reports),
 * so its 各轮报送情况 lists no other unit as 未报 for want of the right to see it: its own unit
 * when the task reaches it, and when it leads the task, the non-lead units whose reports it
 * reviews. None when the task does not reach the unit. */
export function readableUnits(rows: readonly UnitRow[], ownUnit: string): string[] {
  const all = concreteUnits(rows)
  if (!all.includes(ownUnit)) return []
  const leads = new Set(concreteUnits(rows.filter((r) => r.role === 'LEAD')))
  if (!leads.has(ownUnit)) return [ownUnit]
  return [ownUnit, ...all.filter((u) => u !== ownUnit && !leads.has(u))]
}

export interface RoundLike {
  id: string
  name: string
  status: string
  dueDate: string
  taskNumbers: readonly number[]
}

export interface ReportLike {
  kind: string
  status: string
  late: boolean
  completion: number
  submittedAt?: string | null
  unit: { name: string }
  round: { id: string }
}

export interface HistoryCell {
  kind: string
  status: string
  late: boolean
  completion: number
}

export interface HistoryRow {
  unit: string
  cells: Record<string, HistoryCell[]> // by round id; empty: nothing saved for that round
}

/** The rounds that included the task, oldest first. */
export function roundsOf<R extends RoundLike>(rounds: readonly R[], taskNumber: number): R[] {
  return rounds.filter((r) => r.taskNumbers.includes(taskNumber)).sort((a, b) => a.dueDate.localeCompare(b.dueDate))
}

/** Units × rounds: the task's units first (in order), then any other unit that reported. */
export function reportHistory(units: readonly string[], rounds: readonly RoundLike[], reports: readonly ReportLike[]): HistoryRow[] {
  const ids = new Set(rounds.map((r) => r.id))
  const names = [...units]
  for (const r of reports) if (ids.has(r.round.id) && !names.includes(r.unit.name)) names.push(r.unit.name)
  const rows = new Map(names.map((unit) => [unit, { unit, cells: Object.fromEntries(rounds.map((r) => [r.id, [] as HistoryCell[]])) }]))
  for (const r of reports) {
    const row = rows.get(r.unit.name)
    if (!row || !ids.has(r.round.id)) continue
    row.cells[r.round.id].push({ kind: r.kind, status: r.status, late: r.late, completion: r.completion })
  }
  for (const row of rows.values()) for (const list of Object.values(row.cells)) list.sort((a, b) => a.kind.localeCompare(b.kind))
  return [...rows.values()]
}

/** A report's state in one round's cell, in words with its colour. */
export function historyTag(cell: HistoryCell): Tag {
  const whose = cell.kind === 'CONSOLIDATED' ? '汇总' : ''
  switch (cell.status) {
    case 'ACCEPTED':
      return { type: 'success', text: `${whose}通过${cell.late ? '(逾期报)' : ''}` }
    case 'SUBMITTED':
      return { type: cell.late ? 'warning' : 'primary', text: `${whose}${cell.late ? '逾期报送' : '已报送'}` }
    case 'RETURNED':
      return { type: 'warning', text: `${whose}已退回` }
    default:
      return { type: 'info', text: `${whose}草稿` }
  }
}

/** The round whose verdicts the page shows: the latest that included the task. */
export function verdictRound<R extends RoundLike>(rounds: readonly R[], taskNumber: number): R | undefined {
  return roundsOf(rounds, taskNumber).at(-1)
}

export const SCOPE_WORDS: Record<string, string> = {
  DISTRICT_TOTAL: '全区总量（按汇总值判定）',
  EACH_UNIT: '各单位均须达到',
  DISTRICT_RATE: '全区比率（按汇总值判定）',
  CLEARANCE: '动态清零',
  ALLOCATED_QUOTA: '分解到各单位（对照分解数）',
}

export interface ChainLike {
  role?: string | null
  paths: ReadonlyArray<{ steps: ReadonlyArray<{ kind: string; name: string; relation?: string | null }> }>
  reviewers: ReadonlyArray<{ name: string }>
}

/** One path up to the office in words: 双江镇 → 属于 相关镇街 → 向 区农业农村委 报送 → 对 专班办公室 负责. */
export function pathWords(steps: ChainLike['paths'][number]['steps']): string {
  const parts: string[] = []
  steps.forEach((step, i) => {
    if (i === 0) {
      parts.push(step.name)
      return
    }
    const tie = steps[i - 1].relation ?? ''
    if (tie === 'MEMBER_OF') parts.push(`属于 ${step.name}`)
    else if (tie === 'REPORTS_TO') parts.push(`向 ${step.name} 报送`)
    else if (tie === 'ACCOUNTABLE_TO') parts.push(`对 ${step.name} 负责`)
    else parts.push(step.name)
  })
  return parts.join(' → ')
}

/** The chain of one unit in sentences: its role, each path, and who reviews its reports. */
export function chainWords(unit: string, chain: ChainLike | null): string[] {
  if (!chain || !chain.role || !chain.paths.length) return [`${unit}在本任务中没有职责。`]
  const role = chain.role === 'LEAD' ? '牵头单位' : '责任单位'
  const lines = [`${unit}是本任务的${role}。`]
  chain.paths.forEach((p, i) => lines.push(`路径${chain.paths.length > 1 ? i + 1 : ''}：${pathWords(p.steps)}`))
  if (chain.reviewers.length) lines.push(`审核其报告的是：${chain.reviewers.map((r) => r.name).join('、')}。`)
  return lines
}

/** Names for the unit picker: those containing what was typed (all when blank), minus `taken`. */
export function suggestUnits(names: readonly string[], typed: string, taken: readonly string[] = [], limit = 20): string[] {
  const t = typed.trim()
  const skip = new Set(taken)
  return names.filter((n) => !skip.has(n) && (!t || n.includes(t))).slice(0, limit)
}

/** The units 相关镇街 may hold: the listed towns and subdistricts (镇、街道), in directory order. */
export function townNames(units: ReadonlyArray<{ name: string; kind: string; listed?: boolean }>): string[] {
  return units.filter((u) => (u.kind === 'TOWN' || u.kind === 'SUBDISTRICT') && u.listed !== false).map((u) => u.name)
}

/** The units a fixed group (专班成员单位 and the like) may hold: every listed unit that is not
 * itself a group, in the directory's order. */
export function memberCandidates(units: ReadonlyArray<{ name: string; kind: string; listed?: boolean }>): string[] {
  return units.filter((u) => u.kind !== 'GROUP' && u.listed !== false).map((u) => u.name)
}

/** The chain picture as an image address: an <img> shows the SVG but never runs its scripts. */
export function svgImageSource(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`
}
