// The office's charts as data (pure): each a 100% stacked bar per row (a section, a unit, a
// source) whose segments are shares of the row's whole, with the figures as text beside the bar
// and the whole chart in words for its accessible name; and the bars' geometry for the SVG.

export interface Series {
  name: string
  colour: string
}

export interface ChartRow {
  label: string
  whole: number // what the segments are shares of (应报份数, 事项总数)
  segments: number[] // one count per series, stacked from the left; the rest of `whole` stays blank
  valueText: string // the figures beside the bar: "60%（12/20）"
  words: string // the row in words: "一、产业发展：应报 20 份，已报送 12 份（60%）…"
}

export interface ChartModel {
  title: string
  series: Series[]
  rest: string // what the blank part of a bar means (未报送, 未完成)
  rows: ChartRow[]
  empty: string // what to say when there is nothing to chart
}

export const COLOURS = {
  blue: '#1f5fbf',
  green: '#2f7d14',
  red: '#c0262d',
  track: '#e4e7ed',
} as const

/** 60% as written; '—' when there is nothing to divide. */
export function share(part: number, whole: number): string {
  return whole ? `${Math.round((part / whole) * 100)}%` : '—'
}

/** The accessible name: the title, then every row in words. */
export function chartWords(model: ChartModel): string {
  if (!model.rows.length) return `${model.title}：${model.empty}`
  return `${model.title}：${model.rows.map((r) => r.words).join('；')}`
}

// ---- 总览: completion by section
export interface SectionLike {
  label: string
  title: string
  rows: ReadonlyArray<{ state: { owed: number; submitted: number; accepted: number } }>
}

export function sectionCompletion(sections: readonly SectionLike[]): ChartModel {
  return {
    title: '各部分报送完成情况',
    series: [
      { name: '审核通过', colour: COLOURS.green },
      { name: '已报送待审核', colour: COLOURS.blue },
    ],
    rest: '未报送',
    empty: '本轮暂无应报任务',
    rows: sections.map((s) => {
      const sum = (f: (x: { owed: number; submitted: number; accepted: number }) => number) =>
        s.rows.reduce((a, r) => a + f(r.state), 0)
      const owed = sum((x) => x.owed)
      const submitted = sum((x) => x.submitted)
      const accepted = sum((x) => x.accepted)
      const label = `${s.label}、${s.title}`
      return {
        label,
        whole: owed,
        segments: [accepted, Math.max(0, submitted - accepted)],
        valueText: `${share(submitted, owed)}（${submitted}/${owed}）`,
        words: `${label}：应报 ${owed} 份，已报送 ${submitted} 份（${share(submitted, owed)}），审核通过 ${accepted} 份（${share(accepted, owed)}）`,
      }
    }),
  }
}

// ---- 总览: reports by unit
export interface StandingLike {
  unitName: string
  owed: number
  submitted: number
  accepted: number
  late: number
}

export function unitReports(units: readonly StandingLike[]): ChartModel {
  return {
    title: '各单位报送情况',
    series: [
      { name: '审核通过', colour: COLOURS.green },
      { name: '已报送待审核', colour: COLOURS.blue },
    ],
    rest: '未报送',
    empty: '本轮暂无应报单位',
    rows: units.map((u) => ({
      label: u.unitName,
      whole: u.owed,
      segments: [u.accepted, Math.max(0, u.submitted - u.accepted)],
      valueText: `${u.submitted}/${u.owed}${u.late ? `，逾期 ${u.late}` : ''}`,
      words: `${u.unitName}：应报 ${u.owed} 份，已报送 ${u.submitted} 份，审核通过 ${u.accepted} 份，逾期 ${u.late} 份`,
    })),
  }
}

// ---- 整改台账: completion by source
export interface SourceTallyLike {
  sourceName: string
  tally: { total: number; completed: number; verified: number; overdue: number }
}

export function ledgerBySource(tallies: readonly SourceTallyLike[]): ChartModel {
  return {
    title: '各来源整改完成情况',
    series: [
      { name: '已销号', colour: COLOURS.green },
      { name: '已完成待销号', colour: COLOURS.blue },
    ],
    rest: '未完成',
    empty: '台账中暂无整改事项',
    rows: tallies.map(({ sourceName, tally: t }) => {
      const done = t.completed + t.verified
      return {
        label: sourceName,
        whole: t.total,
        segments: [t.verified, t.completed],
        valueText: `${share(done, t.total)}（${done}/${t.total}）`,
        words: `${sourceName}：共 ${t.total} 项，已完成 ${done} 项（完成率 ${share(done, t.total)}），其中已销号 ${t.verified} 项，逾期 ${t.overdue} 项`,
      }
    }),
  }
}

// ---- geometry
export interface LayoutOptions {
  width: number // the viewBox's width
  labelWidth: number // the label column
  valueWidth: number // the figures' column at the right
  rowHeight: number
  barHeight: number
  top: number // room for the legend
  fontSize: number
}

export const DEFAULT_LAYOUT: LayoutOptions = {
  width: 560, labelWidth: 150, valueWidth: 120, rowHeight: 24, barHeight: 14, top: 30, fontSize: 13,
}

export interface Rect {
  x: number
  y: number
  width: number
  height: number
  colour: string
  name: string
}

export interface RowLayout {
  y: number // the text baseline's centre line
  label: string // shortened to fit the label column
  fullLabel: string
  valueText: string
  track: Rect
  bars: Rect[]
  words: string
}

/** CJK characters are about one em wide, others about half: cut with "…" to fit `width`. */
export function fitText(text: string, width: number, fontSize: number): string {
  const em = (ch: string) => (/[\u0000-\u00ff]/.test(ch) ? 0.55 : 1)
  const chars = [...text]
  let used = 0
  for (let i = 0; i < chars.length; i++) {
    used += em(chars[i]!) * fontSize
    if (used > width) {
      let kept = chars.slice(0, i)
      while (kept.length && [...kept, '…'].reduce((a, c) => a + em(c) * fontSize, 0) > width) kept = kept.slice(0, -1)
      return `${kept.join('')}…`
    }
  }
  return text
}

export function layout(model: ChartModel, o: LayoutOptions = DEFAULT_LAYOUT): { height: number; barX: number; barWidth: number; rows: RowLayout[] } {
  const barX = o.labelWidth
  const barWidth = o.width - o.labelWidth - o.valueWidth
  const rows = model.rows.map((r, i) => {
    const top = o.top + i * o.rowHeight + (o.rowHeight - o.barHeight) / 2
    let x = barX
    const bars: Rect[] = []
    r.segments.forEach((v, s) => {
      const w = r.whole > 0 ? (Math.max(0, v) / r.whole) * barWidth : 0
      const series = model.series[s]
      if (w > 0 && series) bars.push({ x, y: top, width: Math.min(w, barX + barWidth - x), height: o.barHeight, colour: series.colour, name: series.name })
      x += w
    })
    return {
      y: o.top + i * o.rowHeight + o.rowHeight / 2,
      label: fitText(r.label, o.labelWidth - 8, o.fontSize),
      fullLabel: r.label,
      valueText: r.valueText,
      track: { x: barX, y: top, width: barWidth, height: o.barHeight, colour: COLOURS.track, name: model.rest },
      bars,
      words: r.words,
    }
  })
  return { height: o.top + model.rows.length * o.rowHeight + 22, barX, barWidth, rows }
}
