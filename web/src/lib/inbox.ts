// The bell: the unit's persistent inbox as the workbench holds it (newest first, the unread and
// total counts), what a notification pushed live (notificationReceived) or marked read does to
// it, and where a notification's link leads in the workbench. Pure.

export interface InboxEntry {
  id: string
  event: string
  title: string
  body: string
  link: string
  createdAt: string
  read: boolean
}

export interface InboxView<E extends InboxEntry = InboxEntry> {
  items: E[]
  unread: number
  total: number
}

/** How many entries the bell keeps (the server's inbox keeps them all). */
export const INBOX_SIZE = 30

export function emptyInbox<E extends InboxEntry>(): InboxView<E> {
  return { items: [], unread: 0, total: 0 }
}

function newestFirst<E extends InboxEntry>(items: E[]): E[] {
  return [...items].sort((a, b) => (a.createdAt === b.createdAt ? 0 : a.createdAt < b.createdAt ? 1 : -1))
}

/** A notification pushed live: first in the list and counted, unless the bell already has it
 * (the load of the inbox and the push can both carry the same one). */
export function received<E extends InboxEntry>(inbox: InboxView<E>, entry: E, size = INBOX_SIZE): InboxView<E> {
  if (inbox.items.some((e) => e.id === entry.id)) return inbox
  return {
    items: newestFirst([entry, ...inbox.items]).slice(0, size),
    unread: inbox.unread + (entry.read ? 0 : 1),
    total: inbox.total + 1,
  }
}

/** The entries `ids` read (as the server answered markNotificationsRead); the unread count falls
 * by the ones that were unread. */
export function markedRead<E extends InboxEntry>(inbox: InboxView<E>, ids: readonly string[]): InboxView<E> {
  const marked = new Set(ids)
  let fell = 0
  const items = inbox.items.map((e) => {
    if (!marked.has(e.id) || e.read) return e
    fell++
    return { ...e, read: true }
  })
  return { items, unread: Math.max(0, inbox.unread - fell), total: inbox.total }
}

/** The unread entries the bell shows (what “全部标为已读” marks). */
export function unreadIds(inbox: InboxView): string[] {
  return inbox.items.filter((e) => !e.read).map((e) => e.id)
}

/** Where following a notification goes: a workbench page, or a file the server serves (a PDF). */
export type InboxTarget = { page: string } | { file: string }

const PAGES: ReadonlyArray<[RegExp, string]> = [
  [/^\/#\/urge-notices(\/|$)/, '/urges'],
  [/^\/#\/reports(\/|$)/, '/reports'],
  [/^\/#\/rounds(\/|$)/, '/reports'],
  [/^\/#\/rectification(\/|$)/, '/rectification'],
  [/^\/#\/warnings(\/|$)/, '/tasks'],
]

const BY_EVENT: Record<string, string> = {
  URGE_ISSUED: '/urges',
  REPORT_RETURNED: '/reports',
  ROUND_OPENED: '/reports',
  ITEM_REJECTED: '/rectification',
  WARNING_DIGEST: '/tasks',
}

/** The server writes links for every channel (“/#/reports/12”, “/documents/3.pdf”); the bell
 * opens the workbench page that shows the thing, and a document's PDF as a file. */
export function inboxTarget(entry: Pick<InboxEntry, 'event' | 'link'>): InboxTarget {
  const link = entry.link.trim()
  for (const [pattern, page] of PAGES) if (pattern.test(link)) return { page }
  if (/^\/documents\//.test(link)) return { file: link }
  if (/^\/(?!\/|#)/.test(link)) return { page: link }
  return { page: BY_EVENT[entry.event] ?? '/' }
}
