"""The GraphQL schema: strawberry types, queries, mutations and dataloaders."""
