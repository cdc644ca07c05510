import { describe, expect, it } from 'vitest'
import { FINDING_SOURCES, sourcePick } from '../src/lib/office/findings'

describe('a finding\'s source', () => {
  it('names the sources as the server does, in its order', () => {
    expect(Object.keys(FINDING_SOURCES)).toEqual(['ASSESSMENT', 'INSPECTION', 'VISITS', 'DISTRICT_SUPERVISION', 'OTHER'])
    expect(FINDING_SOURCES.INSPECTION).toBe('市委巡视反馈')
  })

  it('sends a named source without a name, and an OTHER source with the name typed', () => {
    expect(sourcePick('INSPECTION', '  ignored ')).toEqual({ source: 'INSPECTION', sourceName: null })
    expect(sourcePick('OTHER', ' 区审计局专项审计 ')).toEqual({ source: 'OTHER', sourceName: '区审计局专项审计' })
  })

  it('refuses no source, an OTHER source without a name, and a name too long, in words', () => {
    expect(sourcePick('', '')).toEqual({ error: '请选择问题来源' })
    expect(sourcePick('OTHER', '  ')).toEqual({ error: '来源为“其他来源”时，请填写来源名称（如 区审计局专项审计）' })
    expect(sourcePick('OTHER', '审'.repeat(129))).toEqual({ error: '来源名称最多填写 128 字' })
    expect(sourcePick('OTHER', '审'.repeat(128))).toEqual({ source: 'OTHER', sourceName: '审'.repeat(128) })
  })
})
