import { describe, expect, it } from 'vitest'
import { generatePassword, passwordProblem } from '../src/lib/office/passwords'
import { auditActionWords } from '../src/lib/office/auditWords'

describe('passwords the office hands out', () => {
  it('generates twelve unambiguous characters', () => {
    const p = generatePassword()
    expect(p).toHaveLength(12)
    expect(p).not.toMatch(/[0O1lI]/)
    expect(generatePassword(4, () => new Uint32Array([0, 1, 55, 56]))).toBe('abab')
  })
  it('names what is wrong with a typed-twice password', () => {
    expect(passwordProblem('short', 'short')).toBe('新密码至少 8 个字符')
    expect(passwordProblem('abcdefgh', 'abcdefgx')).toBe('两次输入的新密码不一致')
    expect(passwordProblem('abcdefgh', 'abcdefgh')).toBe('')
  })
})

describe('audit actions in words', () => {
  it('names whole codes and falls back to the ledger verbs', () => {
    expect(auditActionWords('user.disabled')).toBe('停用账号')
    expect(auditActionWords('rectification.verified')).toBe('销号')
    expect(auditActionWords('something.new')).toBe('其他操作')
  })
})
