"""The core: storage models, pure rules and use-case services. No GraphQL, HTTP or PDF here."""
