// A preview of a value as a clerk types it (8420元, 2.4万, 99%, 1,234, ８７００), read in the
// target's unit of measure, mirroring the server's reading (tongnan/domain/reporting/quantities.py).
// The server decides; this only shows "= 24,000人" or the reason it will refuse, while typing.

const MAGNITUDES: Array<[string, number]> = [
  ['万亿', 1e12],
  ['十万', 1e5],
  ['百万', 1e6],
  ['千万', 1e7],
  ['千', 1e3],
  ['万', 1e4],
  ['亿', 1e8],
]
const SCALED: Record<string, [string, number]> = {
  万元: ['元', 1e4],
  亿元: ['元', 1e8],
  '‰': ['%', 0.1],
}
const KNOWN_UNITS = new Set([
  '平方米', '立方米', '公里', '千米', '人次', '小时', '%', '‰', '元', '人', '户',
  '个', '家', '次', '亩', '米', '吨', '项', '名', '所', '座', '条', '天', '辆',
  '套', '间', '岁', '年', '倍',
])
const RATES = new Set(['%', '‰'])
const NUMBER = /^([+-])?([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)?(?:\.([0-9]+))?(.*)$/s
export const MAX_TYPED = 64

export type QuantityPreview =
  | { ok: true; value: number; shown: string }
  | { ok: false; message: string }
  | { ok: null } // nothing typed yet

/** Full-width forms as their ASCII twins, dashes as minus, spaces dropped. */
export function plainText(typed: string): string {
  let out = ''
  for (const c of typed) {
    const code = c.codePointAt(0) ?? 0
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCodePoint(code - 0xfee0)
    else if (code === 0x2212 || code === 0x2013 || code === 0x2014) out += '-'
    else if (/\s/.test(c) || c === '\u3000') continue
    else out += c
  }
  return out
}

function base(unit: string): [string, number] {
  return SCALED[unit] ?? [unit, 1]
}

/** What a value of a target in `unit` may look like (the hint under the field). */
export function expectedHint(unit: string | null | undefined): string {
  if (!unit) return '请填写数字，可带“万”，如 24000 或 2.4万'
  const [b] = base(unit)
  if (b === '%') return `请填写数字，可带“${unit}”，如 99 或 99${unit}`
  if (b === '元') return `请填写以“${unit}”计的数字，可带单位“元”“万元”或“亿元”，如 8700 或 8700${unit}`
  return `请填写以“${unit}”计的数字，可带“万”，如 24000 或 2.4万`
}

/** Formats a number as documents write it: thousands separators, at most 4 decimals. */
export function formatNumber(value: number): string {
  const rounded = Math.round(value * 10000) / 10000
  return rounded.toLocaleString('zh-CN', { maximumFractionDigits: 4 })
}

function scaleOf(rest: string, unit: string | null): number | string {
  let magnitude = ''
  let typedUnit = rest
  if (!(rest === unit || KNOWN_UNITS.has(rest) || rest in SCALED)) {
    const found = MAGNITUDES.find(([m]) => rest.startsWith(m))
    magnitude = found ? found[0] : ''
    typedUnit = rest.slice(magnitude.length)
  }
  const factor = MAGNITUDES.find(([m]) => m === magnitude)?.[1] ?? 1
  if (!typedUnit) {
    if (!unit || !magnitude) return factor
    const [targetBase, targetScale] = base(unit)
    if (RATES.has(targetBase)) return 'notNumber'
    return factor / targetScale
  }
  if (typedUnit !== unit && !KNOWN_UNITS.has(typedUnit) && !(typedUnit in SCALED)) return 'notNumber'
  const [b, typedScale] = base(typedUnit)
  if (magnitude && RATES.has(b)) return 'notNumber'
  if (!unit) return factor * (RATES.has(b) ? 1 : typedScale)
  const [targetBase, targetScale] = base(unit)
  if (b !== targetBase) return 'wrongUnit'
  return (factor * typedScale) / targetScale
}

/** Reads what was typed as a number in `unit`, or says why the server would refuse it. */
export function previewQuantity(typed: string, unit: string | null | undefined): QuantityPreview {
  const u = unit || null
  const text = typed.trim()
  const hint = expectedHint(u)
  if (!text) return { ok: null }
  if (text.length > MAX_TYPED) return { ok: false, message: `填写的内容过长（${text.length}个字符）：${hint}` }
  const match = NUMBER.exec(plainText(text))
  if (!match || (match[2] === undefined && match[3] === undefined)) {
    return { ok: false, message: `“${text}”不是数值：${hint}` }
  }
  const number = Number(`${match[1] ?? ''}${(match[2] ?? '0').replace(/,/g, '')}.${match[3] ?? '0'}`)
  const scale = scaleOf(match[4], u)
  if (scale === 'notNumber') return { ok: false, message: `“${text}”不是数值：${hint}` }
  if (scale === 'wrongUnit') {
    return { ok: false, message: `“${text}”的单位与指标不符（此项以“${u}”计）：${hint}` }
  }
  const value = number * (scale as number)
  return { ok: true, value, shown: `${formatNumber(value)}${u ?? ''}` }
}
