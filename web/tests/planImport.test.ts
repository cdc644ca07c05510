import { describe, expect, it } from 'vitest'
import { acceptedKind, applyBlocker, deadlineWords, possibleTypo, taskRows } from '../src/lib/office/planImport'

const task = {
  number: 2,
  label: '2.',
  path: ['农村基础设施'],
  title: '推进农村供水保障',
  leadUnits: ['区水利局'],
  responsibleUnits: ['区发展改革委', '区财政局'],
  unitsOpenEnded: true,
  leaders: [],
  deadline: '年底前',
  deadlineKind: 'DATE',
  dueDate: '2025-12-31',
  line: 6,
}

describe('计划导入', () => {
  it('accepts the notice kinds and refuses the others', () => {
    expect(['a.docx', 'B.PDF', 'c.html', 'd.xlsx', 'e.csv', 'f.txt'].every(acceptedKind)).toBe(true)
    expect(acceptedKind('通知.doc')).toBe(false)
  })

  it('puts each task in a row with its path, units and deadline in words', () => {
    const [row] = taskRows([{ tasks: [task] }])
    expect(row).toMatchObject({
      label: '2.',
      path: '农村基础设施',
      lead: '区水利局',
      responsible: '区发展改革委、区财政局等',
      leaders: '—',
      deadline: '年底前（2025年12月31日）',
      line: 6,
    })
    expect(deadlineWords({ deadline: '长期坚持', deadlineKind: 'ONGOING', dueDate: null })).toBe('长期坚持')
    expect(deadlineWords({ deadline: '每月', deadlineKind: 'RECURRING', dueDate: null })).toBe('每月（定期）')
    expect(deadlineWords({ deadline: null, deadlineKind: null, dueDate: null })).toBe('未写明')
  })

  it('flags a new unit with a near name as a possible typo', () => {
    expect(possibleTypo({ name: '区水力局', line: 3, tasks: ['1.'], nearest: ['区水利局'] })).toBe(true)
    expect(possibleTypo({ name: '区医保局', line: 3, tasks: ['1.'], nearest: [] })).toBe(false)
  })

  it('says why the import must wait: a stale or missing code, new units not to be created', () => {
    const ok = { previewCode: '潼府办发〔2025〕9号', newUnits: 2, createUnits: true, stale: false }
    expect(applyBlocker(ok)).toBe('')
    expect(applyBlocker({ ...ok, stale: true })).toContain('重新预览')
    expect(applyBlocker({ ...ok, previewCode: null })).toContain('发文字号')
    expect(applyBlocker({ ...ok, createUnits: false })).toContain('2 个单位')
    expect(applyBlocker({ ...ok, newUnits: 0, createUnits: false })).toBe('')
  })
})
