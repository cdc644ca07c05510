import { describe, expect, it } from 'vitest'
import { obligationTag, obligationsOf, percent, rankText, standings, type Obligation } from '../src/lib/office/standing'

const matrix = {
  columns: [{ unit: { name: '区人力社保局' } }, { unit: { name: '桂林街道' } }, { unit: { name: '双江镇' } }],
  rows: [
    { task: { number: 7 }, cells: [{ column: 0, lead: 'DIRECT', responsible: null }, { column: 1, lead: null, responsible: 'VIA_GROUP' }, { column: 2, lead: null, responsible: 'VIA_GROUP' }] },
    { task: { number: 9 }, cells: [{ column: 1, lead: null, responsible: 'DIRECT' }] },
  ],
}

describe('obligationsOf', () => {
  it('reads a lead as owing the consolidated report and skips tasks outside the round', () => {
    const tasks = [{ task: { number: 7 }, reports: [{ kind: 'UNIT', status: 'ACCEPTED', late: false, unit: { name: '桂林街道' } }] }]
    const warnings = [
      { level: 'RED', kind: 'UNIT', daysLate: 3, unit: { name: '双江镇' }, task: { number: 7 }, round: { id: 'r1' } },
      { level: 'RED', kind: 'UNIT', daysLate: 3, unit: { name: '桂林街道' }, task: { number: 7 }, round: { id: 'other' } },
    ]
    const got = obligationsOf(matrix, 'r1', tasks, warnings)
    expect(got.map((o) => [o.unitName, o.kind, o.status, o.late, o.level])).toEqual([
      ['区人力社保局', 'CONSOLIDATED', null, false, null],
      ['桂林街道', 'UNIT', 'ACCEPTED', false, null],
      ['双江镇', 'UNIT', null, true, 'RED'],
    ])
    expect(obligationTag(got[2])).toEqual({ type: 'danger', text: '逾期未报' })
  })
})

describe('standings', () => {
  const o = (unitName: string, status: string | null, late = false): Obligation => ({ unitName, taskNumber: 1, kind: 'UNIT', status, late, level: null, daysLate: 0 })
  it('ranks by share submitted, then accepted, then fewest late, with ties sharing a place', () => {
    const list = standings([
      o('甲', 'ACCEPTED'), o('甲', 'SUBMITTED'),
      o('乙', 'ACCEPTED'), o('乙', 'SUBMITTED'),
      o('丙', 'SUBMITTED', true), o('丙', null),
      o('丁', 'ACCEPTED'), o('丁', 'ACCEPTED'),
    ])
    expect(list.map((s) => [s.unitName, s.rank, rankText(s)])).toEqual([
      ['丁', 1, '第1名'],
      ['甲', 2, '并列第2名'],
      ['乙', 2, '并列第2名'],
      ['丙', 4, '第4名'],
    ])
    expect(list[3]).toMatchObject({ owed: 2, submitted: 1, late: 1 })
    expect(percent(1, 3)).toBe('33%')
    expect(percent(0, 0)).toBe('—')
  })
})

import { actionWords } from '../src/lib/office/actions'
describe('actionWords', () => {
  it('says an audit action in Chinese, never its code', () => {
    expect(actionWords('rectification.verified')).toBe('销号')
    expect(actionWords('something.unknown')).toBe('其他操作')
  })
})
