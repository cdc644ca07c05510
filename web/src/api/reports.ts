// The reports of one task in one round that the caller may read (its own; as a lead, the units'
// submitted ones): the task's reports, newest first, kept to the round. A round's own list of
// reports per task costs too much to ask for every task at once.
import { TaskReportsDocument, type TaskReportsQuery } from '../gql/graphql'
import { query } from './run'

export type TaskReport = NonNullable<TaskReportsQuery['task']>['progressReports']['nodes'][number]

/** `first`: how many of the task's newest reports to look through (10 for a unit's own, 100 for a lead). */
export async function reportsOf(taskNumber: number, roundId: string, first: number): Promise<TaskReport[]> {
  const data = await query(TaskReportsDocument, { number: taskNumber, first })
  return (data.task?.progressReports.nodes ?? []).filter((r) => r.round.id === roundId)
}
