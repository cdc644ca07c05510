import { describe, expect, it } from 'vitest'
import { differsFrom, draftKey, emptyDraft, forgetDraft, forgetUserDrafts, keepDraft, loadDraft } from '../src/lib/drafts'
import { draftFromReport, formProblems, valuesInput } from '../src/lib/reportForm'

class MemoryStore {
  private data = new Map<string, string>()
  get length() { return this.data.size }
  key(i: number) { return Array.from(this.data.keys())[i] ?? null }
  getItem(k: string) { return this.data.get(k) ?? null }
  setItem(k: string, v: string) { this.data.set(k, v) }
  removeItem(k: string) { this.data.delete(k) }
}

describe('drafts kept locally', () => {
  it('keeps what was typed until it is forgotten', () => {
    const store = new MemoryStore()
    const key = draftKey('guilin', 'Um91bmQ6MQ==', 7, 'UNIT')
    const draft = { ...emptyDraft(), summary: '已完成培训 3 场', values: { t1: '2.4万' }, baseVersion: 2 }
    keepDraft(store, key, draft, new Date('2025-06-03T06:05:00Z'))
    const back = loadDraft(store, key)
    expect(back).toMatchObject({ summary: '已完成培训 3 场', values: { t1: '2.4万' }, baseVersion: 2, savedAt: '2025-06-03T06:05:00.000Z' })
    forgetDraft(store, key)
    expect(loadDraft(store, key)).toBeNull()
  })

  it('keys drafts by user, so another user of the browser does not see them', () => {
    const store = new MemoryStore()
    keepDraft(store, draftKey('guilin', 'R1', 7, 'UNIT'), { ...emptyDraft(), summary: '桂林的草稿' })
    expect(loadDraft(store, draftKey('shuangjiang', 'R1', 7, 'UNIT'))).toBeNull()
    forgetUserDrafts(store, 'guilin')
    expect(store.length).toBe(0)
  })

  it('ignores a corrupt stored draft', () => {
    const store = new MemoryStore()
    store.setItem('k', '{not json')
    expect(loadDraft(store, 'k')).toBeNull()
  })

  it('survives a full storage', () => {
    const full = { getItem: () => null, setItem: () => { throw new Error('QuotaExceededError') }, removeItem: () => {} }
    expect(() => keepDraft(full, 'k', emptyDraft())).not.toThrow()
  })

  it('tells a draft that differs from the stored report', () => {
    const server = draftFromReport({ summary: 'a', completion: 10, problems: '', nextSteps: '', version: 3, values: [{ typed: '8420元', target: { id: 't1' } }] })
    expect(differsFrom({ ...server }, server)).toBe(false)
    expect(differsFrom({ ...server, values: { t1: '8500元' } }, server)).toBe(true)
    expect(differsFrom({ ...server, completion: 20 }, server)).toBe(true)
  })
})

describe('the report form', () => {
  const targets = [{ id: 't1', metric: '就业总体规模', unitOfMeasure: '人' }, { id: 't2', metric: '年人均纯收入', unitOfMeasure: '元' }]

  it('asks for progress and every value only when submitting', () => {
    const draft = { ...emptyDraft(), values: { t1: '2.4万' } }
    expect(formProblems(draft, targets, false)).toEqual({})
    const problems = formProblems(draft, targets, true)
    expect(problems.summary).toBe('请填写进展情况')
    expect(problems['value:t2']).toContain('年人均纯收入')
    expect(problems['value:t1']).toBeUndefined()
  })

  it('refuses a value the server would refuse, naming what is expected', () => {
    const problems = formProblems({ ...emptyDraft(), values: { t2: '很多' } }, targets, false)
    expect(problems['value:t2']).toContain('“很多”不是数值')
  })

  it('sends values as typed, trimmed, leaving out empty ones', () => {
    expect(valuesInput({ ...emptyDraft(), values: { t1: ' 2.4万 ', t2: '' } }, targets)).toEqual([{ targetId: 't1', value: '2.4万' }])
  })
})
