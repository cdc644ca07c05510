// Generated passwords for accounts the office opens or resets: shown once, easy to read aloud
// (no 0/O, 1/l/I). Pure but for the random source, which tests may pass in.

const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789'

export function generatePassword(length = 12, random: (n: number) => Uint32Array = randomWords): string {
  return Array.from(random(length), (w) => ALPHABET[w % ALPHABET.length]).join('')
}

function randomWords(n: number): Uint32Array {
  return crypto.getRandomValues(new Uint32Array(n))
}

/** The Chinese problem with a typed-twice password, or '' when it will do. */
export function passwordProblem(first: string, second: string): string {
  if (first.length < 8) return '新密码至少 8 个字符'
  if (first !== second) return '两次输入的新密码不一致'
  return ''
}
