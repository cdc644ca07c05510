// The office's, supervisors' and viewers' menus (WORKBENCH.md "Menu by role"), for the pages this
// build has; lib/menu.ts asks here for every role but the units'. Pure.
import type { Role } from '../../api/auth'

export interface OfficeMenuEntry {
  path: string
  title: string
  icon: string
}

const ENTRIES: Array<OfficeMenuEntry & { roles: Role[] }> = [
  { path: '/office/board', title: '总览', icon: 'DataBoard', roles: ['OFFICE_ADMIN', 'SUPERVISOR', 'VIEWER'] },
  { path: '/office/review', title: '审核', icon: 'Stamp', roles: ['OFFICE_ADMIN'] },
  { path: '/office/dispatch', title: '调度', icon: 'Calendar', roles: ['OFFICE_ADMIN', 'VIEWER'] },
  { path: '/office/tasks', title: '任务', icon: 'Tickets', roles: ['OFFICE_ADMIN', 'SUPERVISOR', 'VIEWER'] },
  { path: '/office/matrix', title: '责任矩阵', icon: 'Grid', roles: ['OFFICE_ADMIN', 'SUPERVISOR', 'VIEWER'] },
  { path: '/office/ledger', title: '整改台账', icon: 'Checked', roles: ['OFFICE_ADMIN', 'SUPERVISOR', 'VIEWER'] },
  { path: '/office/documents', title: '公文', icon: 'Document', roles: ['OFFICE_ADMIN', 'SUPERVISOR', 'VIEWER'] },
  { path: '/office/plan-import', title: '计划导入', icon: 'List', roles: ['OFFICE_ADMIN'] },
  { path: '/office/supervision', title: '督查', icon: 'Stamp', roles: ['OFFICE_ADMIN', 'SUPERVISOR', 'VIEWER'] },
  { path: '/office/users', title: '账号管理', icon: 'User', roles: ['OFFICE_ADMIN'] },
  { path: '/office/audit', title: '审计', icon: 'List', roles: ['OFFICE_ADMIN'] },
  { path: '/notify', title: '消息推送', icon: 'Message', roles: ['OFFICE_ADMIN'] },
  { path: '/office/deliveries', title: '消息投递', icon: 'Promotion', roles: ['OFFICE_ADMIN'] },
  { path: '/account', title: '账号', icon: 'User', roles: ['OFFICE_ADMIN', 'SUPERVISOR', 'VIEWER'] },
]

export function officeMenuFor(role: Role): OfficeMenuEntry[] {
  return ENTRIES.filter((e) => e.roles.includes(role)).map(({ path, title, icon }) => ({ path, title, icon }))
}
