import { describe, expect, it } from 'vitest'
import {
  BOM, cellWords, csvForExcel, gapGroups, gapLines, gridRows, loadsOf, matrixFileName, sortLoads, type GapsData, type MatrixData,
} from '../src/lib/office/matrix'

const matrix: MatrixData = {
  columns: [
    { leadCount: 2, responsibleCount: 0, unit: { name: '区人力社保局', shortName: '人力社保局', kind: 'DEPARTMENT' } },
    { leadCount: 0, responsibleCount: 2, unit: { name: '双江镇', kind: 'TOWN' } },
    { leadCount: 1, responsibleCount: 1, unit: { name: '区农业农村委', kind: 'DEPARTMENT' } },
    { leadCount: 0, responsibleCount: 2, unit: { name: '米心镇', kind: 'TOWN' } },
  ],
  rows: [
    {
      leads: ['区人力社保局'], responsible: ['各镇街'], task: { number: 7, label: '(七)', title: '稳岗就业' },
      cells: [{ column: 0, lead: 'DIRECT' }, { column: 1, responsible: 'VIA_GROUP' }, { column: 3, responsible: 'VIA_GROUP' }],
    },
    {
      leads: ['区人力社保局', '区农业农村委'], responsible: ['双江镇', '区农业农村委'], task: { number: 8, label: '(八)', title: '产业帮扶' },
      cells: [{ column: 0, lead: 'DIRECT' }, { column: 1, responsible: 'DIRECT' }, { column: 2, lead: 'DIRECT', responsible: 'DIRECT' }, { column: 3, responsible: 'VIA_GROUP' }],
    },
  ],
}

describe('the matrix grid', () => {
  it('lays the server’s non-empty cells out by column, in words, through a group or directly', () => {
    const rows = gridRows(matrix)
    expect(rows.map((r) => r.marks.map((m) => m.map((x) => `${x.text}${x.viaGroup ? '*' : ''}`).join('/')))).toEqual([
      ['牵头', '责任*', '', '责任*'],
      ['牵头', '责任', '牵头/责任', '责任*'],
    ])
    expect(cellWords('双江镇', rows[0]!.marks[1]!)).toBe('双江镇：经由集体承担责任')
    expect(cellWords('区农业农村委', rows[1]!.marks[2]!)).toBe('区农业农村委：牵头；责任')
    expect(cellWords('米心镇', [])).toBe('米心镇：无')
  })

  it('ignores a cell pointing past the columns rather than breaking the grid', () => {
    const odd = { ...matrix, rows: [{ ...matrix.rows[0]!, cells: [{ column: 9, lead: 'DIRECT' as const }] }] }
    expect(gridRows(odd)[0]!.marks.every((m) => m.length === 0)).toBe(true)
  })
})

describe('each unit’s load', () => {
  const loads = loadsOf(matrix)
  it('counts leads, responsibilities and both, with the short name where the directory has one', () => {
    expect(loads.map((l) => [l.shortName, l.lead, l.responsible, l.total])).toEqual([
      ['人力社保局', 2, 0, 2], ['双江镇', 0, 2, 2], ['区农业农村委', 1, 1, 2], ['米心镇', 0, 2, 2],
    ])
  })
  it('sorts heaviest first by the chosen count, then the other counts, equal loads in directory order', () => {
    expect(sortLoads(loads, 'lead').map((l) => l.unitName)).toEqual(['区人力社保局', '区农业农村委', '双江镇', '米心镇'])
    expect(sortLoads(loads, 'responsible').map((l) => l.unitName)).toEqual(['双江镇', '米心镇', '区农业农村委', '区人力社保局'])
    expect(sortLoads(loads, 'lead', 'ascending').map((l) => l.unitName)).toEqual(['双江镇', '米心镇', '区农业农村委', '区人力社保局'])
    // all four carry 2 in total: the lead count decides, then directory order in both directions
    expect(sortLoads(loads, 'total').map((l) => l.unitName)).toEqual(['区人力社保局', '区农业农村委', '双江镇', '米心镇'])
  })
})

describe('the gaps in words', () => {
  const gaps: GapsData = {
    tasksWithoutLead: [{ number: 14, label: '(二)', title: '加强监测' }],
    groupsWithoutMembers: [{ name: '相关部门' }],
    unscopedGroups: [{ group: { name: '有关镇街' }, task: { number: 4, label: '(四)' } }],
    unlistedUnits: [{ name: '区某某中心' }],
    membershipCycles: [['甲组', '乙组', '甲组']],
    ambiguousLeads: [{ group: { name: '相关部门' }, task: { number: 10, label: '(十)' } }],
  }
  it('says what each gap is, tasks first, with the task to open where there is one', () => {
    const lines = gapLines(gaps)
    expect(lines.map((l) => [l.kind, l.taskNumber])).toEqual([
      ['noLead', 14], ['ambiguousLead', 10], ['unscoped', 4], ['noMembers', null], ['unlisted', null], ['cycle', null],
    ])
    expect(lines[0]!.text).toBe('第14项任务(二)“加强监测”没有明确牵头单位，无人汇总上报。')
    expect(lines[2]!.text).toContain('“有关镇街”尚未选定具体成员单位')
    expect(lines[5]!.text).toBe('集体成员相互包含：甲组 → 乙组 → 甲组。')
    expect(gapGroups(lines).map((g) => [g.heading, g.lines.length])).toEqual([
      ['未明确牵头单位的任务', 1], ['牵头集体成员未定', 1], ['按任务确定成员的集体尚未选定', 1],
      ['集体单位尚未确定成员', 1], ['计划点名但不在单位名录中', 1], ['集体成员相互包含', 1],
    ])
  })
  it('has nothing to say of a plan without gaps', () => {
    const none: GapsData = { tasksWithoutLead: [], groupsWithoutMembers: [], unscopedGroups: [], unlistedUnits: [], membershipCycles: [], ambiguousLeads: [] }
    expect(gapLines(none)).toEqual([])
    expect(gapGroups([])).toEqual([])
  })
})

describe('the files', () => {
  it('puts one UTF-8 byte-order mark before the CSV so Excel reads the Chinese', () => {
    expect(csvForExcel('序号,任务\r\n')).toBe('\ufeff序号,任务\r\n')
    expect(csvForExcel(`${BOM}序号`)).toBe('\ufeff序号')
    expect(new TextEncoder().encode(csvForExcel('a')).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]))
  })
  it('names the download after the plan, without characters Windows refuses', () => {
    expect(matrixFileName('潼巩固专办发〔2025〕1号', 'csv')).toBe('责任矩阵-潼巩固专办发〔2025〕1号.csv')
    expect(matrixFileName('a/b:c', 'xlsx')).toBe('责任矩阵-a_b_c.xlsx')
  })
})
