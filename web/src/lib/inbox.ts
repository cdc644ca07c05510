// What changed between two looks at the unit's urge notices and rectification items: new urges,
// items closed (销号) or sent back by the office. The schema has no subscription for these, so
// the workbench looks every minute and the bell says what changed. Pure.

export interface InboxState {
  urges: number
  items: ReadonlyArray<{ id: string; number: number; status: string; returned: boolean }>
}

export interface InboxNews {
  title: string
  detail: string
}

export function inboxNews(before: InboxState | null, now: InboxState): InboxNews[] {
  if (!before) return []
  const news: InboxNews[] = []
  if (now.urges > before.urges) {
    news.push({ title: `收到 ${now.urges - before.urges} 份新的催办通知`, detail: '请在“催办”中查看并尽快办理' })
  }
  const old = new Map(before.items.map((i) => [i.id, i]))
  for (const item of now.items) {
    const was = old.get(item.id)
    if (!was) {
      news.push({ title: `新的整改事项（编号 ${item.number}）`, detail: '请在“整改台账”中查看' })
    } else if (item.status === 'VERIFIED' && was.status !== 'VERIFIED') {
      news.push({ title: `整改事项（编号 ${item.number}）已销号`, detail: '专班办公室核查通过' })
    } else if (item.returned && !was.returned) {
      news.push({ title: `整改事项（编号 ${item.number}）销号核查未通过`, detail: '请查看销号意见后继续整改' })
    }
  }
  return news
}
