// Who is signed in, their unit's standing (leads a task?), the rounds, and the unit's inbox the
// bell lists, kept live by notificationReceived. One reactive object for the whole workbench.
import { reactive } from 'vue'
import { ElNotification } from 'element-plus'
import { currentSession, logout, type SessionUser } from './api/auth'
import { closeLive } from './api/graphql'
import { live, mutate, query } from './api/run'
import {
  MarkNotificationsReadDocument,
  MyInboxDocument,
  MyTasksDocument,
  NotificationReceivedDocument,
  ReportChangedDocument,
  ViewerDocument,
  WarningRaisedDocument,
  type MyInboxQuery,
} from './gql/graphql'
import { emptyInbox, INBOX_SIZE, markedRead, received, type InboxView } from './lib/inbox'
import { forgetUserDrafts } from './lib/drafts'

export interface RoundInfo {
  id: string
  name: string
  status: string
  dueDate: string
}

export type Notice = MyInboxQuery['inbox']['items'][number]

export const session = reactive({
  checked: false,
  user: null as SessionUser | null,
  unitName: null as string | null,
  leadsSomething: false,
  rounds: [] as RoundInfo[],
  inbox: emptyInbox<Notice>() as InboxView<Notice>,
  tick: 0, // bumped by every live event: pages reload what they show
})

let stopLive: Array<() => void> = []

/** The unit's inbox, newest first, as the server keeps it. */
export async function loadInbox(): Promise<void> {
  const data = await query(MyInboxDocument, { first: INBOX_SIZE })
  let inbox: InboxView<Notice> = { items: data.inbox.items, unread: data.inbox.unreadCount, total: data.inbox.totalCount }
  // a notification pushed while the inbox loaded stays
  for (const pushed of session.inbox.items) inbox = received(inbox, pushed)
  session.inbox = inbox
}

/** Marks the entries read on the server, then in the bell. */
export async function markNoticesRead(ids: string[]): Promise<void> {
  if (!ids.length) return
  const data = await mutate(MarkNotificationsReadDocument, { ids })
  const { notifications, userErrors } = data.markNotificationsRead
  if (userErrors.length) throw new Error(userErrors.map((e) => e.message).join('；'))
  session.inbox = markedRead(session.inbox, notifications.filter((n) => n.read).map((n) => n.id))
}

function startLive(unitName: string): void {
  stopLive.forEach((stop) => stop())
  session.inbox = emptyInbox<Notice>()
  stopLive = [
    live(NotificationReceivedDocument, {}, (data) => {
      const notice = data.notificationReceived
      session.inbox = received(session.inbox, notice)
      session.tick++
      ElNotification({ title: notice.title, message: notice.body, type: 'info', duration: 8000, position: 'bottom-right' })
    }),
    // a report returned or accepted: the pages reload (the inbox tells of returns itself)
    live(ReportChangedDocument, { unitName }, (data) => {
      if (data.progressReportChanged.status !== 'DRAFT') session.tick++
    }),
    live(WarningRaisedDocument, { unitName }, (data) => {
      const w = data.warningRaised
      session.tick++
      ElNotification({
        title: `${w.level === 'RED' ? '红色预警' : '黄色预警'}：任务(${w.taskNumber})`,
        message: w.reason,
        type: w.level === 'RED' ? 'error' : 'warning',
        duration: 8000,
        position: 'bottom-right',
      })
    }),
  ]
  loadInbox().catch(() => {
    // the bell stays empty; the next page load tries again
  })
}

/** Reads the session cookie's user (once per page load, or after signing in). */
export async function loadSession(force = false): Promise<SessionUser | null> {
  if (session.checked && !force) return session.user
  const found = await currentSession()
  session.user = found?.user ?? null
  session.unitName = found?.user.unitName ?? null
  session.checked = true
  if (session.user) {
    const viewer = await query(ViewerDocument, {})
    session.rounds = viewer.rounds.map((r) => ({ id: r.id, name: r.name, status: r.status, dueDate: r.dueDate }))
    session.unitName = viewer.viewer?.unitName ?? session.unitName
    if (session.unitName) {
      const tasks = await query(MyTasksDocument, { unitName: session.unitName })
      session.leadsSomething = (tasks.unit?.duties ?? []).some((d) => d.role === 'LEAD')
      startLive(session.unitName)
    }
  }
  return session.user
}

export function openRounds(): RoundInfo[] {
  return session.rounds.filter((r) => r.status === 'OPEN')
}

export async function signOut(): Promise<void> {
  try {
    await logout()
  } finally {
    forgetSignedIn()
  }
}

/** Forgets everything of the signed-in user in this tab (after signing out, or a 401). */
export function forgetSignedIn(): void {
  if (session.user) forgetUserDrafts(localStorage, session.user.name)
  stopLive.forEach((stop) => stop())
  stopLive = []
  closeLive()
  session.user = null
  session.unitName = null
  session.leadsSomething = false
  session.rounds = []
  session.inbox = emptyInbox<Notice>()
  session.checked = true
}
