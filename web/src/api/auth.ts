// Sessions (contract: /auth/login, /auth/logout, /auth/logout-all, /auth/session, /auth/password).
import { ApiError, postJson, request } from './http'

export type Role = 'OFFICE_ADMIN' | 'UNIT_REPORTER' | 'SUPERVISOR' | 'VIEWER'

export interface SessionUser {
  name: string
  role: Role
  unitName: string | null
}

export interface Session {
  user: SessionUser
  expiresAt?: string
}

export const ROLE_NAMES: Record<Role, string> = {
  OFFICE_ADMIN: '专班办公室',
  UNIT_REPORTER: '单位填报员',
  SUPERVISOR: '督查人员',
  VIEWER: '查看人员',
}

/** The message of a refused sign-in, with the wait when the account is locked. */
export function loginErrorText(error: unknown): string {
  if (!(error instanceof ApiError)) return '登录失败，请稍后重试'
  if (error.status === 429) {
    const seconds = Number(error.body.retryAfterSeconds ?? 0)
    const wait = seconds >= 60 ? `${Math.ceil(seconds / 60)} 分钟` : `${Math.max(seconds, 1)} 秒`
    const head = typeof error.body.error === 'string' ? error.body.error : '登录失败次数过多'
    return seconds > 0 ? `${head}（请 ${wait}后再试）` : head
  }
  return error.message
}

export async function login(username: string, password: string): Promise<Session> {
  return postJson<Session>('/auth/login', { username, password })
}

export async function currentSession(): Promise<Session | null> {
  try {
    return await request<Session>('/auth/session', { headers: { Accept: 'application/json' } })
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null
    throw error
  }
}

export async function logout(): Promise<void> {
  await postJson('/auth/logout')
}

export async function logoutEverywhere(): Promise<void> {
  await postJson('/auth/logout-all')
}

export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  await postJson('/auth/password', { currentPassword, newPassword })
}
