"""The GraphQL schema: strawberry types, queries, mutations, dataloaders (imports domain, matrix)."""
