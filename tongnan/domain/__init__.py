"""The core: storage models, pure rules and use cases, one package per feature; common is shared.

No GraphQL, HTTP or PDF here."""
