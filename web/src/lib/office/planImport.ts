// 计划导入's pure part: the file kinds accepted, the preview's tasks as table rows (section path,
// units in words, deadline in words), new units flagged as possible typos when the directory has
// a near name, and why 确认导入 is not yet possible.
import { chineseDate } from '../format'

export const PLAN_FILE_KINDS = ['.docx', '.pdf', '.html', '.xlsx', '.csv', '.txt'] as const

export function acceptedKind(fileName: string): boolean {
  const lower = fileName.toLowerCase()
  return PLAN_FILE_KINDS.some((k) => lower.endsWith(k)) || lower.endsWith('.htm')
}

export interface PreviewTask {
  number: number
  label: string
  path: string[]
  title: string
  leadUnits: string[]
  responsibleUnits: string[]
  unitsOpenEnded: boolean
  leaders: string[]
  deadline?: string | null
  deadlineKind?: string | null
  dueDate?: string | null
  line: number
}

export interface TaskRow {
  number: number
  label: string
  path: string
  title: string
  lead: string
  responsible: string
  leaders: string
  deadline: string
  line: number
}

const DEADLINE_KIND: Record<string, string> = { RECURRING: '定期', ONGOING: '长期坚持', TEXT: '按原文' }

export function deadlineWords(t: Pick<PreviewTask, 'deadline' | 'deadlineKind' | 'dueDate'>): string {
  if (!t.deadline && !t.dueDate) return '未写明'
  const written = t.deadline ?? ''
  if (t.dueDate) {
    const date = chineseDate(t.dueDate)
    return written && written !== date ? `${written}（${date}）` : date
  }
  const kind = t.deadlineKind ? DEADLINE_KIND[t.deadlineKind] : undefined
  return kind && kind !== written ? `${written}（${kind}）` : written
}

function names(list: string[], openEnded = false): string {
  if (!list.length) return '—'
  return list.join('、') + (openEnded ? '等' : '')
}

export function taskRows(sections: Array<{ tasks: PreviewTask[] }>): TaskRow[] {
  return sections.flatMap((s) =>
    s.tasks.map((t) => ({
      number: t.number,
      label: t.label,
      path: t.path.length ? t.path.join(' › ') : '—',
      title: t.title,
      lead: names(t.leadUnits),
      // the 等 closes the last list the notice gave
      responsible: names(t.responsibleUnits, t.unitsOpenEnded && t.responsibleUnits.length > 0),
      leaders: names(t.leaders),
      deadline: deadlineWords(t),
      line: t.line,
    })),
  )
}

export interface NewUnit {
  name: string
  line: number
  tasks: string[]
  nearest: string[]
}

export function possibleTypo(unit: NewUnit): boolean {
  return unit.nearest.length > 0
}

export interface ApplyState {
  previewCode: string | null | undefined
  newUnits: number
  createUnits: boolean
  stale: boolean // the code typed differs from the one previewed
}

/** Why 确认导入 cannot be pressed yet, in words; '' when it can. */
export function applyBlocker(s: ApplyState): string {
  if (s.stale) return '发文字号已改动，请先点“重新预览”'
  if (!s.previewCode) return '通知上没有发文字号，请填写发文字号后重新预览'
  if (s.newUnits > 0 && !s.createUnits) return `有 ${s.newUnits} 个单位不在单位名录里：若确是新单位，请勾选“新建名录中没有的单位”；若是笔误，请改正文件后重新选择`
  return ''
}
