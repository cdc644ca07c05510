// The GraphQL client: urql, queries and mutations posted as {"documentId": "sha256:<hex>"} (the
// build's trusted-document manifest), subscriptions over graphql-ws (graphql-transport-ws) on
// /graphql with the session cookie. GraphQL errors become Chinese messages.
import {
  Client,
  CombinedError,
  makeErrorResult,
  makeResult,
  subscriptionExchange,
  type Exchange,
  type Operation,
  type OperationResult,
} from '@urql/core'
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws'
import { filter, fromPromise, merge, mergeMap, pipe, share, takeUntil } from 'wonka'
import persisted from '../gql/persisted-documents.json'

interface Persisted {
  __meta__?: { hash?: string }
}

/** The trusted id of a generated document ("sha256:<hex>"). */
export function documentIdOf(operation: Operation): string | undefined {
  return (operation.query as unknown as Persisted).__meta__?.hash
}

function operationName(operation: Operation): string | undefined {
  for (const d of operation.query.definitions) {
    if (d.kind === 'OperationDefinition' && d.name) return d.name.value
  }
  return undefined
}

async function post(operation: Operation): Promise<OperationResult> {
  const documentId = documentIdOf(operation)
  if (!documentId) {
    return makeErrorResult(operation, new Error('该操作未登记为可信文档，请重新构建工作台'))
  }
  let response: Response
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/graphql-response+json, application/json',
      },
      body: JSON.stringify({ documentId, variables: operation.variables ?? {}, operationName: operationName(operation) }),
    })
  } catch {
    return makeErrorResult(operation, new Error('无法连接服务器，请检查网络后重试'))
  }
  let body: { data?: Record<string, unknown> | null; errors?: Array<{ message: string }>; error?: string } = {}
  try {
    body = await response.json()
  } catch {
    body = {}
  }
  if (response.status === 401) {
    window.dispatchEvent(new CustomEvent('tongnan:signed-out'))
  }
  if (body.data !== undefined || body.errors) return makeResult(operation, body, response)
  const message = body.error ?? `服务器暂时无法处理请求（${response.status}），请稍后重试`
  return makeErrorResult(operation, new Error(message), response)
}

/** Queries and mutations by trusted document id; everything else goes on. */
export const trustedDocumentExchange: Exchange = ({ forward }) => (ops$) => {
  const shared = pipe(ops$, share)
  const isFetch = (op: Operation) => op.kind === 'query' || op.kind === 'mutation'
  const fetched = pipe(
    shared,
    filter(isFetch),
    mergeMap((op) => {
      const torn = pipe(shared, filter((o) => o.kind === 'teardown' && o.key === op.key))
      return pipe(fromPromise(post(op)), takeUntil(torn))
    }),
  )
  const rest = pipe(shared, filter((op) => !isFetch(op)), forward)
  return merge([fetched, rest])
}

let ws: WsClient | null = null

function wsClient(): WsClient {
  if (!ws) {
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`
    ws = createWsClient({ url, lazy: true, retryAttempts: 1000, shouldRetry: () => true })
  }
  return ws
}

/** Closes the live connection (signing out), so the next one carries the new cookie. */
export function closeLive(): void {
  ws?.dispose()
  ws = null
}

export function createGraphQLClient(): Client {
  return new Client({
    url: '/graphql',
    requestPolicy: 'network-only',
    exchanges: [
      trustedDocumentExchange,
      subscriptionExchange({
        forwardSubscription(request, operation) {
          // the manifest's exact text: a signed-in browser may run only trusted documents
          const id = documentIdOf(operation)
          const text = id ? (persisted as Record<string, string>)[id] : undefined
          const input = { ...request, query: text ?? request.query ?? '' }
          return {
            subscribe(sink) {
              const unsubscribe = wsClient().subscribe(input, sink)
              return { unsubscribe }
            },
          }
        },
      }),
    ],
  })
}

/** The words of a failed operation, for a message box. */
export function errorText(error: CombinedError | Error | undefined | null): string {
  if (!error) return ''
  if (error instanceof CombinedError) {
    if (error.networkError) return error.networkError.message
    return error.graphQLErrors.map((e) => e.message).join('；') || '操作失败，请稍后重试'
  }
  return error.message
}
