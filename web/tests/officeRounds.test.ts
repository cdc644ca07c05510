import { describe, expect, it } from 'vitest'
import { unresolvedTasks } from '../src/lib/office/rounds'

const rows = [
  { task: { number: 1, label: '（一）' }, leads: ['区农业农村委'], responsible: ['相关镇街'] },
  { task: { number: 2, label: '（二）' }, leads: ['区民政局'], responsible: ['各镇街', '双江镇'] },
  { task: { number: 3, label: '（三）' }, leads: ['区级有关部门'], responsible: ['相关镇街', '区社保局'] },
  { task: { number: 4, label: '（四）' }, leads: ['区人力社保局'], responsible: ['双江镇'] },
]
const gaps = {
  groupsWithoutMembers: [{ name: '区级有关部门' }],
  unscopedGroups: [{ group: { name: '相关镇街' }, task: { number: 1 } }, { group: { name: '相关镇街' }, task: { number: 3 } }],
  ambiguousLeads: [{ group: { name: '区级有关部门' }, task: { number: 3 } }],
}

describe('unresolvedTasks', () => {
  it('flags each task of the round whose groups have no members, each group once, in task order', () => {
    const got = unresolvedTasks({ rows, gaps }, [3, 1, 2, 4])
    expect(got.map((u) => [u.taskNumber, u.groups])).toEqual([
      [1, ['相关镇街']],
      [3, ['相关镇街', '区级有关部门']],
    ])
    expect(got[1].text).toBe('任务（三）的“相关镇街”、“区级有关部门”尚未确定成员，这部分职责还落实不到具体单位，表中没有相应的应报单位。')
  })

  it('leaves out the tasks not in the round', () => {
    expect(unresolvedTasks({ rows, gaps }, [2, 4])).toEqual([])
    expect(unresolvedTasks({ rows, gaps }, [1]).map((u) => u.taskNumber)).toEqual([1])
  })

  it('finds a group with no members at all on every task that names it', () => {
    const none = { groupsWithoutMembers: [{ name: '各镇街' }], unscopedGroups: [], ambiguousLeads: [] }
    expect(unresolvedTasks({ rows, gaps: none }, [1, 2, 3, 4]).map((u) => [u.label, u.groups])).toEqual([['（二）', ['各镇街']]])
  })
})
