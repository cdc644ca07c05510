"""The ``Quantity`` scalar: a reported value as the clerk typed it, a string or a JSON number.

The scalar only carries the text: reading it in the target's unit (2.4万 → 24000 人) is the use
case's job, so a value that is not a number is a user error on its field, never a transport
error. Numbers sent as JSON numbers arrive as their plain decimal text (1e4 → "10000").
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any, NewType

import strawberry
from graphql import FloatValueNode, IntValueNode, StringValueNode, ValueNode
from strawberry.types.scalar import ScalarDefinition

TypedQuantity = NewType("TypedQuantity", str)


def _plain(text: str) -> str:
    """A number's text without an exponent, when it is a modest finite number (else unchanged,
    to be refused by the use case in words)."""
    try:
        number = Decimal(text)
    except InvalidOperation:
        return text
    if number.is_finite() and -30 <= number.adjusted() <= 30:
        return format(number, "f")
    return text


def parse_value(value: object) -> TypedQuantity:
    if isinstance(value, str):
        return TypedQuantity(value)
    if isinstance(value, bool):
        raise TypeError("数值应为数字或文字，如 24000 或 2.4万")
    if isinstance(value, int):
        return TypedQuantity(str(value))
    if isinstance(value, float):
        return TypedQuantity(_plain(repr(value)))
    raise TypeError("数值应为数字或文字，如 24000 或 2.4万")


def parse_literal(node: ValueNode, variables: dict[str, Any] | None = None) -> TypedQuantity:
    if isinstance(node, StringValueNode):
        return TypedQuantity(node.value)
    if isinstance(node, IntValueNode | FloatValueNode):
        return TypedQuantity(_plain(node.value))
    raise TypeError("数值应为数字或文字，如 24000 或 2.4万")


QUANTITY: ScalarDefinition = strawberry.scalar(
    name="Quantity",
    description="填报的数值,可带单位或量级,按指标的计量单位换算:24000、2.4万、8420元、"
    "99%、1,234、８７００;也可传数字 / a value as typed (a string or a number), read in the "
    "target's unit of measure.",
    serialize=str,
    parse_value=parse_value,
    parse_literal=parse_literal,
)
SCALARS: dict[object, ScalarDefinition] = {TypedQuantity: QUANTITY}
