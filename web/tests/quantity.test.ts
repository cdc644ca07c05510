import { describe, expect, it } from 'vitest'
import { expectedHint, plainText, previewQuantity } from '../src/lib/quantity'

describe('previewQuantity', () => {
  it.each([
    ['2.4万', '人', 24000],
    ['24000', '人', 24000],
    ['1,234', '人', 1234],
    ['８７００', '元', 8700],
    ['8420元', '元', 8420],
    ['0.87万元', '元', 8700],
    ['99%', '%', 99],
    ['99', '%', 99],
    ['  2.4 万 ', '人', 24000],
    ['1.2万元', '万元', 1.2],
    ['12000元', '万元', 1.2],
    ['-3', null, -3],
  ])('reads %s in %s as %d', (typed, unit, value) => {
    const got = previewQuantity(typed, unit)
    expect(got.ok).toBe(true)
    if (got.ok) expect(got.value).toBeCloseTo(value, 6)
  })

  it('shows the value as documents write it, in the target unit', () => {
    const got = previewQuantity('2.4万', '人')
    expect(got).toMatchObject({ ok: true, shown: '24,000人' })
  })

  it('says nothing while the field is empty', () => {
    expect(previewQuantity('   ', '人')).toEqual({ ok: null })
  })

  it.each([
    ['abc', '人', '不是数值'],
    ['2.4万', '%', '不是数值'],
    ['8420人', '元', '单位与指标不符'],
    ['五千', '人', '不是数值'],
    ['1e5', '人', '不是数值'],
  ])('refuses %s for %s in Chinese', (typed, unit, words) => {
    const got = previewQuantity(typed, unit)
    expect(got.ok).toBe(false)
    if (got.ok === false) {
      expect(got.message).toContain(words)
      expect(got.message).toContain(expectedHint(unit))
    }
  })

  it('refuses a value longer than a value can be', () => {
    const got = previewQuantity('1'.repeat(65), '人')
    expect(got.ok).toBe(false)
  })

  it('folds full-width forms and dashes', () => {
    expect(plainText('９９．３％')).toBe('99.3%')
    expect(plainText('−５')).toBe('-5')
  })
})
