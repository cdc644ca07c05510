"""What the API's features share: ids, the request context, the use-case runner, errors."""
