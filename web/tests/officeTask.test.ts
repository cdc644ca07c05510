import { describe, expect, it } from 'vitest'
import { chainWords, concreteUnits, historyTag, memberCandidates, readableUnits, reportHistory, roundsOf, suggestUnits, svgImageSource, townNames, unitRows,
  verdictRound } from '../src/lib/office/task'

const unit = (name: string, extra: Partial<{ kind: string; membership: string; membersSetFor: boolean; members: string[] }> = {}) => ({
  name,
  kind: extra.kind ?? 'DEPARTMENT',
  membership: extra.membership ?? 'NONE',
  membersSetFor: extra.membersSetFor ?? true,
  version: 3,
  members: (extra.members ?? []).map((n) => ({ name: n })),
})

const assignments = [
  { role: 'RESPONSIBLE', position: 1, version: 1, unit: unit('相关镇街', { kind: 'GROUP', membership: 'PER_TASK', membersSetFor: false }) },
  { role: 'LEAD', position: 0, version: 2, dueDate: '2025-06-30', unit: unit('区农业农村委') },
  { role: 'RESPONSIBLE', position: 0, version: 1, unit: unit('各镇街', { kind: 'GROUP', membership: 'DERIVED', members: ['桂林街道', '双江镇'] }) },
  { role: 'RESPONSIBLE', position: 2, version: 1, unit: unit('双江镇', { kind: 'TOWN' }) },
  { role: 'RESPONSIBLE', position: 3, version: 1, unit: unit('各消费帮扶责任单位', { kind: 'GROUP', membership: 'STATIC', membersSetFor: false }) },
]

describe('unitRows', () => {
  it('puts leads first, keeps the notice order, expands groups and flags the unset ones', () => {
    const rows = unitRows(assignments)
    expect(rows.map((r) => [r.role, r.name, r.group, r.members, r.unresolved, r.perTask, r.fixedGroup])).toEqual([
      ['LEAD', '区农业农村委', false, [], false, false, false],
      ['RESPONSIBLE', '各镇街', true, ['桂林街道', '双江镇'], false, false, false],
      ['RESPONSIBLE', '相关镇街', true, [], true, true, false],
      ['RESPONSIBLE', '双江镇', false, [], false, false, false],
      ['RESPONSIBLE', '各消费帮扶责任单位', true, [], true, false, true],
    ])
    expect(rows[0].dueDate).toBe('2025-06-30')
    expect(rows[2].groupVersion).toBe(3)
    expect(concreteUnits(rows)).toEqual(['区农业农村委', '桂林街道', '双江镇'])
  })

  it('flags a group set for the task but left empty', () => {
    const empty = unitRows([{ role: 'RESPONSIBLE', position: 0, version: 1, unit: unit('相关镇街', { kind: 'GROUP', membership: 'PER_TASK' }) }])
    expect(empty[0].unresolved).toBe(true)
  })
})

describe('readableUnits', () => {
  const rows = unitRows(assignments)
  it('gives a responsible town its own row only', () => {
    expect(readableUnits(rows, '双江镇')).toEqual(['双江镇'])
    expect(readableUnits(rows, '桂林街道')).toEqual(['桂林街道'])
  })
  it('gives the lead its own row and those of the units it reviews, not a co-lead', () => {
    expect(readableUnits(rows, '区农业农村委')).toEqual(['区农业农村委', '桂林街道', '双江镇'])
    const twoLeads = unitRows([...assignments, { role: 'LEAD', position: 1, version: 1, unit: unit('区民政局') }])
    expect(readableUnits(twoLeads, '区农业农村委')).toEqual(['区农业农村委', '桂林街道', '双江镇'])
    expect(readableUnits(twoLeads, '区民政局')).toEqual(['区民政局', '桂林街道', '双江镇'])
  })
  it('gives a unit the task does not reach no row', () => {
    expect(readableUnits(rows, '米心镇')).toEqual([])
  })
})

describe('reportHistory', () => {
  const rounds = [
    { id: 'r2', name: '2025年7月调度', status: 'OPEN', dueDate: '2025-07-25', taskNumbers: [4, 5] },
    { id: 'r1', name: '2025年6月调度', status: 'CLOSED', dueDate: '2025-06-25', taskNumbers: [4] },
    { id: 'r0', name: '2025年5月调度', status: 'CLOSED', dueDate: '2025-05-25', taskNumbers: [5] },
  ]
  it('keeps the rounds that included the task, oldest first; the latest gives the verdicts', () => {
    expect(roundsOf(rounds, 4).map((r) => r.id)).toEqual(['r1', 'r2'])
    expect(verdictRound(rounds, 4)?.id).toBe('r2')
    expect(verdictRound(rounds, 9)).toBeUndefined()
  })

  it('lays reports out units × rounds, the task units first, then others that reported', () => {
    const report = (unitName: string, round: string, status: string, kind = 'UNIT', late = false) =>
      ({ kind, status, late, completion: 50, unit: { name: unitName }, round: { id: round } })
    const got = reportHistory(['区农业农村委', '双江镇'], roundsOf(rounds, 4), [
      report('双江镇', 'r1', 'ACCEPTED'),
      report('区农业农村委', 'r2', 'SUBMITTED', 'CONSOLIDATED', true),
      report('崇龛镇', 'r1', 'RETURNED'),
      report('双江镇', 'r0', 'ACCEPTED'), // a round without the task: left out
    ])
    expect(got.map((r) => r.unit)).toEqual(['区农业农村委', '双江镇', '崇龛镇'])
    expect(got[1].cells).toEqual({ r1: [{ kind: 'UNIT', status: 'ACCEPTED', late: false, completion: 50 }], r2: [] })
    expect(historyTag(got[0].cells.r2[0])).toEqual({ type: 'warning', text: '汇总逾期报送' })
    expect(historyTag(got[2].cells.r1[0])).toEqual({ type: 'warning', text: '已退回' })
    expect(historyTag({ kind: 'UNIT', status: 'ACCEPTED', late: true, completion: 100 })).toEqual({ type: 'success', text: '通过(逾期报)' })
  })
})

describe('chainWords', () => {
  it('says the role, each path up to the office and who reviews', () => {
    const chain = {
      role: 'RESPONSIBLE',
      paths: [{ steps: [
        { kind: 'UNIT', name: '双江镇', relation: 'MEMBER_OF' },
        { kind: 'GROUP', name: '相关镇街', relation: 'REPORTS_TO' },
        { kind: 'LEAD', name: '区农业农村委', relation: 'ACCOUNTABLE_TO' },
        { kind: 'OFFICE', name: '专班办公室', relation: null },
      ] }],
      reviewers: [{ name: '区农业农村委' }],
    }
    expect(chainWords('双江镇', chain)).toEqual([
      '双江镇是本任务的责任单位。',
      '路径：双江镇 → 属于 相关镇街 → 向 区农业农村委 报送 → 对 专班办公室 负责',
      '审核其报告的是：区农业农村委。',
    ])
    expect(chainWords('区财政局', { role: null, paths: [], reviewers: [] })).toEqual(['区财政局在本任务中没有职责。'])
    expect(chainWords('区财政局', null)).toEqual(['区财政局在本任务中没有职责。'])
  })
})

describe('pickers', () => {
  it('suggests names containing what was typed, without those already in the role', () => {
    const names = ['区财政局', '区农业农村委', '区人力社保局', '双江镇']
    expect(suggestUnits(names, '区', ['区农业农村委'])).toEqual(['区财政局', '区人力社保局'])
    expect(suggestUnits(names, ' ', [], 2)).toEqual(['区财政局', '区农业农村委'])
    expect(suggestUnits(names, '不存在')).toEqual([])
  })

  it('offers the listed towns and subdistricts for 相关镇街', () => {
    const units = [
      { name: '桂林街道', kind: 'SUBDISTRICT', listed: true },
      { name: '双江镇', kind: 'TOWN', listed: true },
      { name: '旧镇', kind: 'TOWN', listed: false },
      { name: '区财政局', kind: 'DEPARTMENT', listed: true },
      { name: '各镇街', kind: 'GROUP', listed: true },
    ]
    expect(townNames(units)).toEqual(['桂林街道', '双江镇'])
    // a fixed group holds any listed unit but a group
    expect(memberCandidates(units)).toEqual(['桂林街道', '双江镇', '区财政局'])
  })

  it('turns the drawing into an image address that cannot break out of the attribute', () => {
    const src = svgImageSource('<svg xmlns="http://www.w3.org/2000/svg"><title>"A" & B</title></svg>')
    expect(src.startsWith('data:image/svg+xml;charset=utf-8,')).toBe(true)
    expect(src).not.toMatch(/[<>"\s]/)
    expect(decodeURIComponent(src.slice(src.indexOf(',') + 1))).toContain('<title>"A" & B</title>')
  })
})
