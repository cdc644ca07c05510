import { describe, expect, it } from 'vitest'
import { chineseDate, daysLeftText, statusTag, warningTag } from '../src/lib/format'
import { menuFor } from '../src/lib/menu'
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
  it('shows 审核 to a lead unit only', () => {
    const plain = menuFor({ role: 'UNIT_REPORTER', leadsSomething: false }).map((m) => m.title)
    const lead = menuFor({ role: 'UNIT_REPORTER', leadsSomething: true }).map((m) => m.title)
    expect(plain).toEqual(['我的任务', '填报', '整改台账', '催办', '消息推送', '账号'])
    expect(lead).toContain('审核')
  })
})

describe('sign-in refusals', () => {
  it('says how long a locked account waits', () => {
    const locked = new ApiError('登录失败次数过多，账号已暂时锁定', 429, { error: '登录失败次数过多，账号已暂时锁定', retryAfterSeconds: 300 })
    expect(loginErrorText(locked)).toBe('登录失败次数过多，账号已暂时锁定（请 5 分钟后再试）')
    expect(loginErrorText(new ApiError('用户名或密码不正确', 401))).toBe('用户名或密码不正确')
  })
})
