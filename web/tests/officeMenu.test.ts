import { describe, expect, it } from 'vitest'
import { activeMenuPath, menuFor, homeFor } from '../src/lib/menu'

describe('the office roles menus', () => {
  it('gives the office its pages, the supervisor no 调度, and the viewer a read of each', () => {
    const titles = (role: 'OFFICE_ADMIN' | 'SUPERVISOR' | 'VIEWER') => menuFor({ role, leadsSomething: false }).map((m) => m.title)
    expect(titles('OFFICE_ADMIN')).toEqual(['总览', '审核', '调度', '任务', '责任矩阵', '整改台账', '公文', '计划导入', '督查', '账号管理', '审计', '消息推送', '消息投递', '账号'])
    expect(titles('SUPERVISOR')).toEqual(['总览', '任务', '责任矩阵', '整改台账', '公文', '督查', '账号'])
    expect(titles('VIEWER')).toEqual(['总览', '调度', '任务', '责任矩阵', '整改台账', '公文', '督查', '账号'])
    expect(homeFor({ role: 'VIEWER', leadsSomething: false })).toBe('/office/board')
  })

  it('keeps a page under its menu entry lit: one task under 任务', () => {
    const entries = menuFor({ role: 'OFFICE_ADMIN', leadsSomething: false })
    expect(activeMenuPath('/office/tasks/4', entries)).toBe('/office/tasks')
    expect(activeMenuPath('/office/tasks', entries)).toBe('/office/tasks')
    expect(activeMenuPath('/office/board', entries)).toBe('/office/board')
    expect(activeMenuPath('/office/tasksx', entries)).toBe('/office/tasksx')
  })
})
