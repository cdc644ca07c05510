import { describe, expect, it } from 'vitest'
import { chineseDate, daysLeftText, statusTag, warningTag } from '../src/lib/format'
import { activeMenuPath, menuFor } from '../src/lib/menu'
import { loginErrorText } from '../src/api/auth'
import { ApiError } from '../src/api/http'

describe('formats', () => {
  it('writes dates as documents do', () => {
    expect(chineseDate('2025-06-30')).toBe('2025年6月30日')
    expect(chineseDate(null)).toBe('—')
  })
  it('counts days left', () => {
    expect(daysLeftText('2025-06-30', '2025-06-25')).toBe('剩 5 天')
    expect(daysLeftText('2025-06-30', '2025-06-30')).toBe('今天截止')
    expect(daysLeftText('2025-06-30', '2025-07-02')).toBe('已逾期 2 天')
  })
  it('puts the word beside every colour', () => {
    expect(warningTag('RED')).toEqual({ type: 'danger', text: '红色预警' })
    expect(warningTag('YELLOW').text).toBe('黄色预警')
    expect(warningTag('GREEN').type).toBe('success')
    expect(statusTag('RETURNED').text).toBe('已退回')
  })
})

describe('the menu by role', () => {
  it('shows 审核 to a lead unit only, and 任务 (read only) to every unit', () => {
    const plain = menuFor({ role: 'UNIT_REPORTER', leadsSomething: false }).map((m) => m.title)
    const lead = menuFor({ role: 'UNIT_REPORTER', leadsSomething: true }).map((m) => m.title)
    expect(plain).toEqual(['我的任务', '填报', '任务', '整改台账', '催办', '消息推送', '账号'])
    expect(lead).toEqual(['我的任务', '填报', '审核', '任务', '整改台账', '催办', '消息推送', '账号'])
  })

  it('keeps one plan task under the unit\'s 任务, and 我的任务 apart from it', () => {
    const entries = menuFor({ role: 'UNIT_REPORTER', leadsSomething: false })
    expect(activeMenuPath('/plan/4', entries)).toBe('/plan')
    expect(activeMenuPath('/tasks', entries)).toBe('/tasks')
  })
})

describe('sign-in refusals', () => {
  it('says how long a locked account waits', () => {
    const locked = new ApiError('登录失败次数过多，账号已暂时锁定', 429, { error: '登录失败次数过多，账号已暂时锁定', retryAfterSeconds: 300 })
    expect(loginErrorText(locked)).toBe('登录失败次数过多，账号已暂时锁定（请 5 分钟后再试）')
    expect(loginErrorText(new ApiError('用户名或密码不正确', 401))).toBe('用户名或密码不正确')
  })
})
