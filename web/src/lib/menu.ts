// The left menu by role (WORKBENCH.md "Menu by role"), for the pages this build has. Pure.
import type { Role } from '../api/auth'
import { officeMenuFor } from './office/menu'

export interface MenuEntry {
  path: string
  title: string
  icon: string
}

export interface MenuContext {
  role: Role
  leadsSomething: boolean // the unit leads at least one task
}

const UNIT_MENU: Array<MenuEntry & { leadOnly?: boolean }> = [
  { path: '/tasks', title: '我的任务', icon: 'List' },
  { path: '/reports', title: '填报', icon: 'EditPen' },
  { path: '/review', title: '审核', icon: 'Stamp', leadOnly: true },
  { path: '/plan', title: '任务', icon: 'Tickets' }, // the plan's tasks and chains, read only
  { path: '/rectification', title: '整改台账', icon: 'Checked' },
  { path: '/urges', title: '催办', icon: 'Bell' },
  { path: '/notify', title: '消息推送', icon: 'Message' },
  { path: '/account', title: '账号', icon: 'User' },
]

export function menuFor(ctx: MenuContext): MenuEntry[] {
  if (ctx.role === 'UNIT_REPORTER') {
    return UNIT_MENU.filter((m) => !m.leadOnly || ctx.leadsSomething).map(({ path, title, icon }) => ({ path, title, icon }))
  }
  return officeMenuFor(ctx.role)
}

export function homeFor(ctx: MenuContext): string {
  return menuFor(ctx)[0]?.path ?? '/account'
}

/** The menu entry a page belongs to: its own path, or the entry it sits under (/office/tasks/4
 * under /office/tasks); the path itself when no entry holds it. */
export function activeMenuPath(path: string, entries: readonly MenuEntry[]): string {
  const under = entries.filter((m) => path === m.path || path.startsWith(`${m.path}/`))
  return under.sort((a, b) => b.path.length - a.path.length)[0]?.path ?? path
}
