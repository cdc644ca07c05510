// Which round a page of the office shows first (the open one due soonest, else the latest), and
// the obligations grid's tasks whose collective units have no members yet. Pure.

export interface RoundLike {
  id: string
  status: string
  dueDate: string
  openedAt?: string
}

export function defaultRound<R extends RoundLike>(rounds: readonly R[]): R | undefined {
  const open = rounds.filter((r) => r.status === 'OPEN').sort((a, b) => a.dueDate.localeCompare(b.dueDate))
  if (open.length) return open[0]
  return [...rounds].sort((a, b) => b.dueDate.localeCompare(a.dueDate))[0]
}

/** userErrors → one line; CONFIRMATION_REQUIRED is asked about rather than shown. */
export function needsConfirmation(errors: ReadonlyArray<{ code: string }>): boolean {
  return errors.length > 0 && errors.every((e) => e.code === 'CONFIRMATION_REQUIRED')
}

// ---- the obligations grid's unresolved groups: a collective unit on a task of the round whose
// members are not known (相关镇街 not chosen for the task, a group with no members at all, a lead
// group without a concrete member), so its share of the task reaches no unit and owes no report.

export interface GapsLike {
  groupsWithoutMembers: ReadonlyArray<{ name: string }>
  unscopedGroups: ReadonlyArray<{ group: { name: string }; task: { number: number } }>
  ambiguousLeads: ReadonlyArray<{ group: { name: string }; task: { number: number } }>
}

export interface GridMatrixLike {
  rows: ReadonlyArray<{ task: { number: number; label: string }; leads: readonly string[]; responsible: readonly string[] }>
  gaps: GapsLike
}

export interface UnresolvedTask {
  taskNumber: number
  label: string
  groups: string[] // in the order the gaps name them, each once
  text: string // the sentence the grid shows
}

/** The round's tasks with a collective unit whose members are not known, in the matrix's task
 * order; `taskNumbers` are the round's tasks. */
export function unresolvedTasks(matrix: GridMatrixLike, taskNumbers: Iterable<number>): UnresolvedTask[] {
  const inRound = new Set(taskNumbers)
  const groupsOf = new Map<number, string[]>()
  const add = (task: number, group: string) => {
    if (!inRound.has(task)) return
    const list = groupsOf.get(task) ?? []
    if (!list.includes(group)) list.push(group)
    groupsOf.set(task, list)
  }
  for (const g of matrix.gaps.unscopedGroups) add(g.task.number, g.group.name)
  for (const g of matrix.gaps.ambiguousLeads) add(g.task.number, g.group.name)
  const empty = new Set(matrix.gaps.groupsWithoutMembers.map((u) => u.name))
  for (const row of matrix.rows) for (const name of [...row.leads, ...row.responsible]) if (empty.has(name)) add(row.task.number, name)
  return matrix.rows
    .filter((row) => groupsOf.has(row.task.number))
    .map((row) => {
      const groups = groupsOf.get(row.task.number) ?? []
      const named = groups.map((g) => `“${g}”`).join('、')
      return { taskNumber: row.task.number, label: row.task.label, groups,
        text: `任务${row.task.label}的${named}尚未确定成员，这部分职责还落实不到具体单位，表中没有相应的应报单位。` }
    })
}
