// GraphiQL from local files (no CDN): served by the server at GET /graphql in development.
// Requests go to /graphql with the session cookie, or a token typed in the headers pane.
import { createGraphiQLFetcher } from '@graphiql/toolkit'
import { GraphiQL } from 'graphiql'
import 'graphiql/graphiql.css'
import { createElement } from 'react'
import { createRoot } from 'react-dom/client'

const url = `${location.origin}/graphql`
const subscriptionUrl = url.replace(/^http/, 'ws')
const fetcher = createGraphiQLFetcher({ url, subscriptionUrl })
const root = createRoot(document.getElementById('graphiql') as HTMLElement)
root.render(createElement(GraphiQL, { fetcher, defaultEditorToolsVisibility: true }))
