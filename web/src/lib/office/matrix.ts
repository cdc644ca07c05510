// 责任矩阵 (pure): the server's matrix as a grid of marks in words (牵头 / 责任, through a group
// or named directly), each unit's load, the gaps the plan leaves open as sentences, and the CSV
// made ready for Excel (a UTF-8 byte-order mark, or Excel reads the Chinese as GBK).

export type Mark = 'DIRECT' | 'VIA_GROUP'

export interface TaskLike {
  number: number
  label: string
  title: string
}
export interface MatrixData {
  columns: ReadonlyArray<{ leadCount: number; responsibleCount: number; unit: { name: string; shortName?: string | null; kind: string } }>
  rows: ReadonlyArray<{
    leads: readonly string[]
    responsible: readonly string[]
    task: TaskLike
    cells: ReadonlyArray<{ column: number; lead?: Mark | null; responsible?: Mark | null }>
  }>
}
export interface GapsData {
  tasksWithoutLead: readonly TaskLike[]
  groupsWithoutMembers: ReadonlyArray<{ name: string }>
  unscopedGroups: ReadonlyArray<{ group: { name: string }; task: { number: number; label: string } }>
  unlistedUnits: ReadonlyArray<{ name: string }>
  membershipCycles: ReadonlyArray<readonly string[]>
  ambiguousLeads: ReadonlyArray<{ group: { name: string }; task: { number: number; label: string } }>
}

/** One mark of a cell: the role in words, and whether it comes through a group (经集体). */
export interface CellMark {
  role: 'lead' | 'responsible'
  text: '牵头' | '责任'
  viaGroup: boolean
}

export interface GridRow {
  task: TaskLike
  leads: readonly string[]
  responsible: readonly string[]
  marks: CellMark[][] // one entry per column, empty where the unit has no role
}

/** Each row's marks laid out by column (the server sends only the non-empty cells). */
export function gridRows(matrix: MatrixData): GridRow[] {
  return matrix.rows.map((row) => {
    const marks: CellMark[][] = matrix.columns.map(() => [])
    for (const cell of row.cells) {
      const at = marks[cell.column]
      if (!at) continue
      if (cell.lead) at.push({ role: 'lead', text: '牵头', viaGroup: cell.lead === 'VIA_GROUP' })
      if (cell.responsible) at.push({ role: 'responsible', text: '责任', viaGroup: cell.responsible === 'VIA_GROUP' })
    }
    return { task: row.task, leads: row.leads, responsible: row.responsible, marks }
  })
}

/** A cell in words for a screen reader or a tooltip: "区人力社保局：牵头；经由集体承担责任". */
export function cellWords(unitName: string, marks: readonly CellMark[]): string {
  if (!marks.length) return `${unitName}：无`
  const words = marks.map((m) => (m.viaGroup ? `经由集体${m.role === 'lead' ? '牵头' : '承担责任'}` : m.text))
  return `${unitName}：${words.join('；')}`
}

export interface UnitLoad {
  order: number // the unit's place in the directory (the matrix's column order)
  unitName: string
  shortName: string // the directory's short name, else the name
  kind: string
  lead: number
  responsible: number
  total: number // tasks it leads or is responsible for (a task with both counts twice)
}

export function loadsOf(matrix: MatrixData): UnitLoad[] {
  return matrix.columns.map((c, i) => ({
    order: i,
    unitName: c.unit.name,
    shortName: c.unit.shortName || c.unit.name,
    kind: c.unit.kind,
    lead: c.leadCount,
    responsible: c.responsibleCount,
    total: c.leadCount + c.responsibleCount,
  }))
}

export type LoadKey = 'lead' | 'responsible' | 'total'

/** Lightest first by `key`, then by the other counts; equal loads keep directory order either
 * way (el-table reverses this for 降序, so ties are broken on the order again). */
export function compareLoads(key: LoadKey): (a: UnitLoad, b: UnitLoad) => number {
  const keys: LoadKey[] = [key, ...(['lead', 'responsible', 'total'] as LoadKey[]).filter((k) => k !== key)]
  return (a, b) => {
    for (const k of keys) if (a[k] !== b[k]) return a[k] - b[k]
    return 0
  }
}

/** Heaviest first by `key` (or lightest, ascending), equal loads in directory order. */
export function sortLoads(loads: readonly UnitLoad[], key: LoadKey, order: 'descending' | 'ascending' = 'descending'): UnitLoad[] {
  const sign = order === 'descending' ? -1 : 1
  const compare = compareLoads(key)
  return [...loads].sort((a, b) => sign * compare(a, b) || a.order - b.order)
}

export const UNIT_KINDS: Record<string, string> = {
  OFFICE: '专班办公室', DEPARTMENT: '区级部门', TOWN: '镇', SUBDISTRICT: '街道', GROUP: '集体单位', OTHER: '其他',
}

export type GapKind = 'noLead' | 'noMembers' | 'unscoped' | 'unlisted' | 'cycle' | 'ambiguousLead'

export interface GapLine {
  kind: GapKind
  heading: string // what sort of gap, as a short heading
  text: string // the sentence
  taskNumber: number | null // the task it concerns, for a link to its row
}

export const GAP_HEADINGS: Record<GapKind, string> = {
  noLead: '未明确牵头单位的任务',
  ambiguousLead: '牵头集体成员未定',
  unscoped: '按任务确定成员的集体尚未选定',
  noMembers: '集体单位尚未确定成员',
  unlisted: '计划点名但不在单位名录中',
  cycle: '集体成员相互包含',
}

function taskName(t: { number: number; label: string; title?: string }): string {
  return `第${t.number}项任务${t.label}${t.title ? `“${t.title}”` : ''}`
}

/** Every gap as a sentence, in the order a clerk would mend them: tasks first. */
export function gapLines(gaps: GapsData): GapLine[] {
  const out: GapLine[] = []
  const add = (kind: GapKind, text: string, taskNumber: number | null = null) =>
    out.push({ kind, heading: GAP_HEADINGS[kind], text, taskNumber })
  for (const t of gaps.tasksWithoutLead) add('noLead', `${taskName(t)}没有明确牵头单位，无人汇总上报。`, t.number)
  for (const g of gaps.ambiguousLeads)
    add('ambiguousLead', `${taskName(g.task)}由“${g.group.name}”牵头，但其成员未定，尚不清楚由哪个单位汇总。`, g.task.number)
  for (const g of gaps.unscopedGroups)
    add('unscoped', `${taskName(g.task)}的“${g.group.name}”尚未选定具体成员单位（按任务确定）。`, g.task.number)
  for (const u of gaps.groupsWithoutMembers) add('noMembers', `集体单位“${u.name}”尚未确定成员，其任务无法落到具体单位。`)
  for (const u of gaps.unlistedUnits) add('unlisted', `“${u.name}”在计划中被点名，但不在单位名录中。`)
  for (const c of gaps.membershipCycles) add('cycle', `集体成员相互包含：${c.join(' → ')}。`)
  return out
}

/** Gap lines grouped under their headings, headings in the order of `GAP_HEADINGS`. */
export function gapGroups(lines: readonly GapLine[]): Array<{ kind: GapKind; heading: string; lines: GapLine[] }> {
  return (Object.keys(GAP_HEADINGS) as GapKind[])
    .map((kind) => ({ kind, heading: GAP_HEADINGS[kind], lines: lines.filter((l) => l.kind === kind) }))
    .filter((g) => g.lines.length)
}

export const BOM = '\ufeff'

/** The server's CSV with a UTF-8 byte-order mark (once), so Excel opens the Chinese correctly. */
export function csvForExcel(csv: string): string {
  return csv.startsWith(BOM) ? csv : BOM + csv
}

/** The download's name: 责任矩阵-<plan code>.csv, without characters Windows forbids. */
export function matrixFileName(planCode: string, extension: 'csv' | 'xlsx'): string {
  return `责任矩阵-${planCode}.${extension}`.replace(/[\\/:*?"<>|]/g, '_')
}
