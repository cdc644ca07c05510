// How the workbench writes dates, colours and states (WORKBENCH.md conventions). Pure.

export type WarningLevel = 'GREEN' | 'YELLOW' | 'RED'
export type ReportStatus = 'DRAFT' | 'SUBMITTED' | 'RETURNED' | 'ACCEPTED'

/** 2025-06-30 (or an ISO time) → 2025年6月30日. */
export function chineseDate(iso: string | null | undefined): string {
  if (!iso) return '—'
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso)
  if (!m) return iso
  return `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日`
}

/** An ISO time → 2025年6月30日 14:05 in Asia/Shanghai. */
export function chineseDateTime(iso: string | null | undefined): string {
  if (!iso) return '—'
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const parts = new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai', year: 'numeric', month: 'numeric', day: 'numeric',
    hour: '2-digit', minute: '2-digit', hour12: false,
  }).formatToParts(d)
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? ''
  return `${get('year')}年${get('month')}月${get('day')}日 ${get('hour')}:${get('minute')}`
}

/** Today in Asia/Shanghai as 2025-06-30. */
export function todayIso(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now)
}

/** Whole days from `today` to `due` (negative when past). */
export function daysBetween(today: string, due: string): number {
  const a = Date.UTC(+today.slice(0, 4), +today.slice(5, 7) - 1, +today.slice(8, 10))
  const b = Date.UTC(+due.slice(0, 4), +due.slice(5, 7) - 1, +due.slice(8, 10))
  return Math.round((b - a) / 86400000)
}

export function daysLeftText(due: string, today: string = todayIso()): string {
  const n = daysBetween(today, due)
  if (n > 0) return `剩 ${n} 天`
  if (n === 0) return '今天截止'
  return `已逾期 ${-n} 天`
}

export interface Tag {
  type: 'success' | 'warning' | 'danger' | 'info' | 'primary'
  text: string
}

export function warningTag(level: WarningLevel | null | undefined): Tag {
  switch (level) {
    case 'RED':
      return { type: 'danger', text: '红色预警' }
    case 'YELLOW':
      return { type: 'warning', text: '黄色预警' }
    case 'GREEN':
      return { type: 'success', text: '绿色正常' }
    default:
      return { type: 'info', text: '无预警' }
  }
}

export function statusTag(status: ReportStatus | null | undefined): Tag {
  switch (status) {
    case 'DRAFT':
      return { type: 'info', text: '草稿' }
    case 'SUBMITTED':
      return { type: 'primary', text: '已报送待审核' }
    case 'RETURNED':
      return { type: 'warning', text: '已退回' }
    case 'ACCEPTED':
      return { type: 'success', text: '审核通过' }
    default:
      return { type: 'info', text: '未填报' }
  }
}

export const ASSIGNMENT_ROLES: Record<string, string> = { LEAD: '牵头单位', RESPONSIBLE: '责任单位' }
export const REPORT_KINDS: Record<string, string> = { UNIT: '单位报告', CONSOLIDATED: '汇总报告' }
export const RECTIFICATION_STATUS: Record<string, Tag> = {
  OPEN: { type: 'danger', text: '待整改' },
  IN_PROGRESS: { type: 'warning', text: '整改中' },
  COMPLETED: { type: 'primary', text: '已完成待销号' },
  VERIFIED: { type: 'success', text: '已销号' },
}
