import { describe, expect, it } from 'vitest'
import { COLOURS, chartWords, fitText, layout, ledgerBySource, sectionCompletion, share, unitReports } from '../src/lib/office/charts'

const state = (owed: number, submitted: number, accepted: number) => ({ state: { owed, submitted, accepted } })

describe('completion by section', () => {
  const model = sectionCompletion([
    { label: '一', title: '产业发展', rows: [state(10, 6, 4), state(10, 6, 2)] },
    { label: '二', title: '就业帮扶', rows: [state(4, 0, 0)] },
  ])
  it('sums the section’s tasks: accepted, then submitted but not yet accepted, of what is owed', () => {
    expect(model.rows.map((r) => [r.label, r.whole, r.segments, r.valueText])).toEqual([
      ['一、产业发展', 20, [6, 6], '60%（12/20）'],
      ['二、就业帮扶', 4, [0, 0], '0%（0/4）'],
    ])
  })
  it('reads as words with every number, for its accessible name', () => {
    expect(chartWords(model)).toBe(
      '各部分报送完成情况：一、产业发展：应报 20 份，已报送 12 份（60%），审核通过 6 份（30%）；二、就业帮扶：应报 4 份，已报送 0 份（0%），审核通过 0 份（0%）',
    )
    expect(chartWords(sectionCompletion([]))).toBe('各部分报送完成情况：本轮暂无应报任务')
  })
})

describe('reports by unit', () => {
  it('shows submitted, accepted and late per unit', () => {
    const model = unitReports([
      { unitName: '双江镇', owed: 5, submitted: 4, accepted: 3, late: 1 },
      { unitName: '米心镇', owed: 3, submitted: 3, accepted: 3, late: 0 },
    ])
    expect(model.rows.map((r) => [r.segments, r.valueText])).toEqual([[[3, 1], '4/5，逾期 1'], [[3, 0], '3/3']])
    expect(model.rows[0]!.words).toBe('双江镇：应报 5 份，已报送 4 份，审核通过 3 份，逾期 1 份')
  })
})

describe('the ledger by source', () => {
  it('counts completed and verified items as done', () => {
    const model = ledgerBySource([{ sourceName: '巡视巡察', tally: { total: 8, completed: 2, verified: 4, overdue: 1 } }])
    expect(model.rows[0]!.segments).toEqual([4, 2])
    expect(model.rows[0]!.valueText).toBe('75%（6/8）')
    expect(model.rows[0]!.words).toBe('巡视巡察：共 8 项，已完成 6 项（完成率 75%），其中已销号 4 项，逾期 1 项')
  })
})

describe('the bars', () => {
  const model = sectionCompletion([{ label: '一', title: '产业发展', rows: [state(10, 5, 2)] }, { label: '二', title: '无', rows: [state(0, 0, 0)] }])
  const o = { width: 500, labelWidth: 100, valueWidth: 100, rowHeight: 20, barHeight: 10, top: 30, fontSize: 12 }
  it('stacks each row’s segments as shares of its whole across the bar area', () => {
    const drawn = layout(model, o)
    expect(drawn.barX).toBe(100)
    expect(drawn.barWidth).toBe(300)
    const [first, second] = drawn.rows
    expect(first!.bars.map((b) => [b.x, b.width, b.colour])).toEqual([[100, 60, COLOURS.green], [160, 90, COLOURS.blue]])
    expect(first!.track.width).toBe(300)
    expect(first!.y).toBe(40)
    expect(second!.bars).toEqual([]) // nothing owed: no bar, no division by zero
    expect(drawn.height).toBe(30 + 2 * 20 + 22)
  })
  it('never draws past the bar area when the counts overrun the whole', () => {
    const over = { ...model, rows: [{ ...model.rows[0]!, whole: 2, segments: [2, 3] }] }
    const bars = layout(over, o).rows[0]!.bars
    expect(bars[0]!.width).toBe(300)
    expect(bars.every((b) => b.x + b.width <= 400)).toBe(true)
  })
  it('cuts a long label with an ellipsis to fit its column', () => {
    expect(fitText('区人力社保局', 200, 12)).toBe('区人力社保局')
    expect(fitText('中共重庆市潼南区委农村工作领导小组', 60, 12)).toBe('中共重庆…')
    expect(share(1, 3)).toBe('33%')
    expect(share(0, 0)).toBe('—')
  })
})
