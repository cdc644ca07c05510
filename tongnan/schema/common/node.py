"""The Relay ``Node`` interface: every object with a global id."""

from __future__ import annotations

import strawberry


@strawberry.interface(description="有全局标识的对象 / An object with a global id (Relay).")
class Node:
    id: strawberry.ID = strawberry.field(description="全局标识 / opaque global id")
