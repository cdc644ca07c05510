"""The outer layer: settings, the Starlette app, routes and the command line. Nothing imports it."""
