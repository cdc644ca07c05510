import { describe, expect, it } from 'vitest'
import { emptyInbox, inboxTarget, markedRead, received, unreadIds, type InboxEntry } from '../src/lib/inbox'

const entry = (id: string, createdAt: string, read = false): InboxEntry => ({
  id, event: 'URGE_ISSUED', title: `消息${id}`, body: '', link: '/#/urge-notices/1', createdAt, read,
})

describe('the bell’s inbox', () => {
  it('puts a notification pushed live first and counts it', () => {
    const loaded = { items: [entry('1', '2025-06-01T08:00:00Z', true), entry('2', '2025-06-02T08:00:00Z')], unread: 1, total: 2 }
    const after = received(loaded, entry('3', '2025-06-03T08:00:00Z'))
    expect(after.items.map((e) => e.id)).toEqual(['3', '2', '1'])
    expect([after.unread, after.total]).toEqual([2, 3])
  })
  it('does not count twice the one the load already brought', () => {
    const loaded = received(emptyInbox(), entry('1', '2025-06-01T08:00:00Z'))
    expect(received(loaded, entry('1', '2025-06-01T08:00:00Z'))).toBe(loaded)
    expect(loaded.unread).toBe(1)
  })
  it('keeps only the newest when full', () => {
    let inbox = emptyInbox<InboxEntry>()
    for (let i = 1; i <= 5; i++) inbox = received(inbox, entry(String(i), `2025-06-0${i}T08:00:00Z`), 3)
    expect(inbox.items.map((e) => e.id)).toEqual(['5', '4', '3'])
    expect([inbox.unread, inbox.total]).toEqual([5, 5])
  })
  it('lowers the unread count by the ones that were unread', () => {
    const inbox = { items: [entry('2', '2025-06-02T08:00:00Z'), entry('1', '2025-06-01T08:00:00Z', true)], unread: 4, total: 9 }
    expect(unreadIds(inbox)).toEqual(['2'])
    const after = markedRead(inbox, ['1', '2'])
    expect(after.items.every((e) => e.read)).toBe(true)
    expect([after.unread, after.total]).toEqual([3, 9])
    expect(markedRead(after, ['2']).unread).toBe(3)
  })
})

describe('where a notification leads', () => {
  it('maps the server’s links to the workbench pages', () => {
    expect(inboxTarget({ event: 'URGE_ISSUED', link: '/#/urge-notices/7' })).toEqual({ page: '/urges' })
    expect(inboxTarget({ event: 'REPORT_RETURNED', link: '/#/reports/12' })).toEqual({ page: '/reports' })
    expect(inboxTarget({ event: 'ROUND_OPENED', link: '/#/rounds/3' })).toEqual({ page: '/reports' })
    expect(inboxTarget({ event: 'ITEM_REJECTED', link: '/#/rectification/5' })).toEqual({ page: '/rectification' })
    expect(inboxTarget({ event: 'WARNING_DIGEST', link: '/#/warnings' })).toEqual({ page: '/tasks' })
  })
  it('opens a document as its file, and a plain page as itself', () => {
    expect(inboxTarget({ event: 'DOCUMENT_ISSUED', link: '/documents/4.pdf' })).toEqual({ file: '/documents/4.pdf' })
    expect(inboxTarget({ event: 'URGE_ISSUED', link: '/urges' })).toEqual({ page: '/urges' })
  })
  it('falls back on the kind of notification for a link it does not know', () => {
    expect(inboxTarget({ event: 'ITEM_REJECTED', link: 'https://elsewhere.example/x' })).toEqual({ page: '/rectification' })
    expect(inboxTarget({ event: 'DOCUMENT_ISSUED', link: '' })).toEqual({ page: '/' })
  })
})
