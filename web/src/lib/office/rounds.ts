// Which round a page of the office shows first: the open one due soonest, else the latest. Pure.

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
