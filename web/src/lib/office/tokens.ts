// An account's API tokens as 账号管理 shows them (pure): live ones first, newest first within
// each group; each one's state, last use and the question asked before 吊销, in words.
import { chineseDateTime } from '../format'

export interface TokenLike {
  id: string
  name: string
  prefix: string
  createdAt: string
  lastUsedAt?: string | null
  revokedAt?: string | null
}

export interface TokenRow<T extends TokenLike> {
  token: T
  label: string
  state: string
  live: boolean
  lastUsed: string
}

/** How a token is named: its purpose, else its first characters (never more of the secret). */
export function tokenLabel(t: TokenLike): string {
  return t.name.trim() ? `${t.name.trim()}（${t.prefix}…）` : `${t.prefix}…`
}

export function tokenRows<T extends TokenLike>(tokens: readonly T[]): TokenRow<T>[] {
  const newest = (a: T, b: T): number => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0)
  const live = tokens.filter((t) => !t.revokedAt).sort(newest)
  const revoked = tokens.filter((t) => t.revokedAt).sort(newest)
  return [...live, ...revoked].map((token) => ({
    token,
    label: tokenLabel(token),
    live: !token.revokedAt,
    state: token.revokedAt ? `已吊销（${chineseDateTime(token.revokedAt)}）` : '可用',
    lastUsed: token.lastUsedAt ? chineseDateTime(token.lastUsedAt) : '从未使用',
  }))
}

/** The question asked before the office revokes someone's token. */
export function revokeQuestion(userName: string, t: TokenLike): string {
  return `吊销后，${userName} 的访问令牌“${tokenLabel(t)}”立即失效，用它连接的程序将无法再访问，且不能恢复。确定吊销吗？`
}
