// Running a typed document: the data, or an Error with the Chinese message to show.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core'
import type { AnyVariables } from '@urql/core'
import { pipe, subscribe as onEach } from 'wonka'
import { createGraphQLClient, errorText } from './graphql'

export const client = createGraphQLClient()

export async function query<T, V extends AnyVariables>(doc: TypedDocumentNode<T, V>, variables: V): Promise<T> {
  const result = await client.query(doc, variables, { requestPolicy: 'network-only' }).toPromise()
  if (result.error || !result.data) throw new Error(errorText(result.error) || '没有取得数据，请稍后重试')
  return result.data
}

export async function mutate<T, V extends AnyVariables>(doc: TypedDocumentNode<T, V>, variables: V): Promise<T> {
  const result = await client.mutation(doc, variables).toPromise()
  if (result.error || !result.data) throw new Error(errorText(result.error) || '操作失败，请稍后重试')
  return result.data
}

/** Calls `onData` for every event; returns the function that stops listening. */
export function live<T, V extends AnyVariables>(doc: TypedDocumentNode<T, V>, variables: V, onData: (data: T) => void): () => void {
  const { unsubscribe } = pipe(
    client.subscription(doc, variables),
    onEach((result) => {
      if (result.data) onData(result.data)
    }),
  )
  return unsubscribe
}
