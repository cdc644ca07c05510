"""What the features share: ids, context and loaders, plan cache, connections, user errors."""
