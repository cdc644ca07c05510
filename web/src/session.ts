// Who is signed in, their unit's standing (leads a task?), the rounds, and the live events the
// bell lists. One reactive object for the whole workbench.
import { reactive } from 'vue'
import { currentSession, logout, type SessionUser } from './api/auth'
import { closeLive } from './api/graphql'
import { live, query } from './api/run'
import { InboxDocument, ReportChangedDocument, ViewerDocument, MyTasksDocument, WarningRaisedDocument } from './gql/graphql'
import { inboxNews, type InboxState } from './lib/inbox'
import { forgetUserDrafts } from './lib/drafts'
import { chineseDateTime } from './lib/format'

export interface RoundInfo {
  id: string
  name: string
  status: string
  dueDate: string
}

export interface LiveEvent {
  id: number
  title: string
  detail: string
  at: string
  read: boolean
}

export const session = reactive({
  checked: false,
  user: null as SessionUser | null,
  unitName: null as string | null,
  leadsSomething: false,
  rounds: [] as RoundInfo[],
  events: [] as LiveEvent[],
  tick: 0, // bumped by every live event: pages reload what they show
})

let stopLive: Array<() => void> = []
let nextEvent = 1

function pushEvent(title: string, detail: string): void {
  session.events.unshift({ id: nextEvent++, title, detail, at: chineseDateTime(new Date().toISOString()), read: false })
  session.events.splice(30)
  session.tick++
}

const STATUS_WORDS: Record<string, string> = {
  RETURNED: '被退回，请查看审核意见后修改重报',
  ACCEPTED: '已审核通过',
  SUBMITTED: '已报送',
  DRAFT: '草稿已保存',
}

/** How often the urges and items are looked at (no subscription exists for them). */
export const INBOX_SECONDS = 60

function watchInbox(unitName: string): () => void {
  let last: InboxState | null = null
  const look = async () => {
    if (document.visibilityState === 'hidden') return
    try {
      const data = await query(InboxDocument, { unitName })
      const now = { urges: data.urgeNotices.totalCount, items: data.rectificationLedger.items.nodes }
      const news = inboxNews(last, now)
      news.forEach((n) => pushEvent(n.title, n.detail))
      last = now
    } catch {
      // the next look tries again
    }
  }
  void look()
  const timer = window.setInterval(look, INBOX_SECONDS * 1000)
  return () => window.clearInterval(timer)
}

function startLive(unitName: string): void {
  stopLive.forEach((stop) => stop())
  stopLive = [
    watchInbox(unitName),
    live(ReportChangedDocument, { unitName }, (data) => {
      const e = data.progressReportChanged
      if (e.status === 'DRAFT') return
      pushEvent(`任务(${e.taskNumber})报告${STATUS_WORDS[e.status] ?? '有变化'}`, `${e.unitName ?? ''}`)
    }),
    live(WarningRaisedDocument, { unitName }, (data) => {
      const w = data.warningRaised
      const colour = w.level === 'RED' ? '红色预警' : '黄色预警'
      pushEvent(`${colour}：任务(${w.taskNumber})`, w.reason)
    }),
  ]
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
  session.events = []
  session.checked = true
}
