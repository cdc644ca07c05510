import { describe, expect, it } from 'vitest'
import { conflictText, findConflict, rebase } from '../src/lib/conflict'
import { emptyDraft } from '../src/lib/drafts'
import { pairNoticesWithDocuments } from '../src/lib/urges'

describe('a version conflict', () => {
  it('names who changed the report and when', () => {
    const conflict = findConflict([
      { field: ['input', 'expectedVersion'], message: '该报告已被 双江镇 于 14:05 修改，请刷新后再改', code: 'CONFLICT' },
    ])
    expect(conflict).toMatchObject({ who: '双江镇', when: '14:05' })
    expect(conflictText(conflict!)).toContain('该报告已被 双江镇 于 14:05 修改')
    expect(conflictText(conflict!)).toContain('重新载入')
  })

  it('is absent when no error is a conflict', () => {
    expect(findConflict([{ message: '请填写进展情况', code: 'INVALID' }])).toBeNull()
  })

  it('falls back to the server words when they name nobody', () => {
    const conflict = findConflict([{ message: '该报告已被他人修改，请刷新后再改', code: 'CONFLICT' }])!
    expect(conflictText(conflict)).toContain('该报告已被他人修改')
  })

  it('reloads without losing what was typed', () => {
    const started = { ...emptyDraft(), summary: '旧的进展', problems: '旧的问题', values: { t1: '1万', t2: '8000元' }, baseVersion: 2 }
    const typed = { ...started, summary: '我新写的进展', values: { t1: '2.4万', t2: '8000元' } }
    const latest = { ...started, problems: '别人改的问题', values: { t1: '1.5万', t2: '8420元' }, baseVersion: 3 }
    const merged = rebase(typed, started, latest, 3)
    expect(merged.summary).toBe('我新写的进展') // typed
    expect(merged.problems).toBe('别人改的问题') // untouched here: the newest
    expect(merged.values).toEqual({ t1: '2.4万', t2: '8420元' })
    expect(merged.baseVersion).toBe(3)
  })
})

describe('urge notices and their documents', () => {
  it('pairs each notice with the first document issued on or after it', () => {
    const notices = [{ id: 'n1', sequence: 1, issuedOn: '2025-06-01' }, { id: 'n2', sequence: 2, issuedOn: '2025-07-01' }]
    const documents = [{ id: 'd2', issuedOn: '2025-07-02' }, { id: 'd1', issuedOn: '2025-06-01' }]
    const paired = pairNoticesWithDocuments(notices, documents)
    expect(paired.map((p) => [p.notice.id, p.document?.id])).toEqual([['n2', 'd2'], ['n1', 'd1']])
  })

  it('leaves a notice without a document when none was issued', () => {
    expect(pairNoticesWithDocuments([{ id: 'n1', sequence: 1, issuedOn: '2025-06-01' }], [])[0].document).toBeNull()
  })
})
