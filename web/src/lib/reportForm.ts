// The report form's values: from a stored report, into the mutation's input, and the checks
// made before sending. Pure.
import { previewQuantity } from './quantity'
import { emptyDraft, type ReportDraft } from './drafts'

export interface StoredReport {
  summary: string
  completion: number
  problems: string
  nextSteps: string
  version: number
  values: ReadonlyArray<{ typed: string; target: { id: string } }>
}

export interface TargetInfo {
  id: string
  metric: string
  unitOfMeasure?: string | null
}

export function draftFromReport(report: StoredReport | null | undefined): ReportDraft {
  if (!report) return emptyDraft()
  const values: Record<string, string> = {}
  report.values.forEach((v) => (values[v.target.id] = v.typed))
  return {
    ...emptyDraft(),
    summary: report.summary,
    completion: report.completion,
    problems: report.problems,
    nextSteps: report.nextSteps,
    values,
    baseVersion: report.version,
  }
}

/** What is wrong with the form, field by field (empty: nothing). Submitting asks more than saving. */
export function formProblems(draft: ReportDraft, targets: readonly TargetInfo[], submitting: boolean): Record<string, string> {
  const problems: Record<string, string> = {}
  if (submitting && !draft.summary.trim()) problems.summary = '请填写进展情况'
  if (!Number.isInteger(draft.completion) || draft.completion < 0 || draft.completion > 100) {
    problems.completion = '完成进度应为 0 到 100 之间的整数'
  }
  for (const t of targets) {
    const typed = draft.values[t.id] ?? ''
    const preview = previewQuantity(typed, t.unitOfMeasure)
    if (preview.ok === false) problems[`value:${t.id}`] = preview.message
    else if (preview.ok === null && submitting) problems[`value:${t.id}`] = `请填写“${t.metric}”的数值`
  }
  return problems
}

/** The values to send: every target with something typed, as typed. */
export function valuesInput(draft: ReportDraft, targets: readonly TargetInfo[]): Array<{ targetId: string; value: string }> {
  return targets
    .filter((t) => (draft.values[t.id] ?? '').trim())
    .map((t) => ({ targetId: t.id, value: draft.values[t.id].trim() }))
}
