// The one way the workbench calls the server's non-GraphQL routes (/auth/*, /uploads): JSON in,
// JSON out, the session cookie sent; failures become a Chinese message (the server's, when it
// gave one) in an ApiError.

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly body: Record<string, unknown> = {},
  ) {
    super(message)
  }
}

const GENERIC: Record<number, string> = {
  0: '无法连接服务器，请检查网络后重试',
  401: '未登录或登录已过期，请重新登录',
  403: '没有权限执行此操作',
  413: '文件太大，无法上传',
  415: '不支持该文件类型',
  429: '操作过于频繁，请稍后再试',
}

export function messageFor(status: number, body: Record<string, unknown>): string {
  if (typeof body.error === 'string' && body.error) return body.error
  return GENERIC[status] ?? `服务器暂时无法处理请求（${status}），请稍后重试`
}

export async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
  let response: Response
  try {
    response = await fetch(path, { credentials: 'same-origin', ...init })
  } catch {
    throw new ApiError(GENERIC[0], 0)
  }
  const text = await response.text()
  let body: Record<string, unknown> = {}
  if (text) {
    try {
      body = JSON.parse(text) as Record<string, unknown>
    } catch {
      body = {}
    }
  }
  if (!response.ok) throw new ApiError(messageFor(response.status, body), response.status, body)
  return body as T
}

export function postJson<T>(path: string, payload?: unknown): Promise<T> {
  return request<T>(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(payload ?? {}),
  })
}
