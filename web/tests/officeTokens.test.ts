import { describe, expect, it } from 'vitest'
import { revokeQuestion, tokenLabel, tokenRows } from '../src/lib/office/tokens'
import { auditActionWords } from '../src/lib/office/auditWords'

const t = (id: string, createdAt: string, more: Partial<{ name: string; lastUsedAt: string | null; revokedAt: string | null }> = {}) => ({
  id, prefix: `tn_${id}abcdef`.slice(0, 10), createdAt, name: more.name ?? '', lastUsedAt: more.lastUsedAt ?? null, revokedAt: more.revokedAt ?? null,
})

describe("an account's API tokens in 账号管理", () => {
  it('lists live tokens first, newest first, then the revoked ones', () => {
    const rows = tokenRows([
      t('a', '2025-06-01T01:00:00Z', { name: '旧脚本', revokedAt: '2025-06-10T02:00:00Z' }),
      t('b', '2025-06-02T01:00:00Z', { name: '数据对接', lastUsedAt: '2025-06-20T01:30:00Z' }),
      t('c', '2025-06-05T01:00:00Z'),
    ])
    expect(rows.map((r) => r.token.id)).toEqual(['c', 'b', 'a'])
    expect(rows.map((r) => r.live)).toEqual([true, true, false])
    expect(rows[0].state).toBe('可用')
    expect(rows[0].lastUsed).toBe('从未使用')
    expect(rows[1].lastUsed).toBe('2025年6月20日 09:30')
    expect(rows[2].state).toBe('已吊销（2025年6月10日 10:00）')
  })
  it('names a token by its purpose and first characters only', () => {
    expect(tokenLabel(t('b', '2025-06-02T01:00:00Z', { name: ' 数据对接 ' }))).toBe('数据对接（tn_babcdef…）')
    expect(tokenLabel(t('c', '2025-06-02T01:00:00Z'))).toBe('tn_cabcdef…')
    expect(revokeQuestion('guilin', t('c', '2025-06-02T01:00:00Z'))).toContain('guilin 的访问令牌“tn_cabcdef…”立即失效')
    expect(auditActionWords('user.token_revoked')).toBe('专班办公室吊销访问令牌')
  })
})
