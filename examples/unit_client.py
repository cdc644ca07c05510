"""A member unit's client, ready to copy: who am I, what do we owe, and to whom do we report.

    pip install "gql[httpx]"
    TONGNAN_URL=http://127.0.0.1:8000/graphql TONGNAN_TOKEN=tn_… python examples/unit_client.py

Uses gql (a real GraphQL client) over HTTP with the unit's bearer token.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from gql import Client, GraphQLRequest, gql
from gql.transport.httpx import HTTPXTransport

WHO_AM_I = gql("{ viewer { name role unit { name } } }")

OUR_TASKS = gql(
    """
    query OurTasks($unit: String!) {
      tasks(filter: {responsibleUnit: $unit}, first: 100) {
        totalCount
        nodes { number label title leadUnits { name } }
      }
    }
    """
)

CHAIN = gql(
    """
    query Chain($task: Int!, $unit: String!) {
      accountability(taskNumber: $task, unitName: $unit) {
        role
        reviewers { name }
        paths { steps { name kind } }
      }
    }
    """
)


def make_client(url: str, token: str) -> Client:
    transport = HTTPXTransport(url=url, headers={"Authorization": f"Bearer {token}"}, timeout=30)
    return Client(transport=transport, fetch_schema_from_transport=False)


def report(url: str, token: str) -> list[str]:
    """Lines describing the unit's duties and who reviews its reports."""
    lines: list[str] = []
    with make_client(url, token) as session:
        viewer: dict[str, Any] = session.execute(WHO_AM_I)["viewer"]
        unit = viewer["unit"]["name"]
        lines.append(f"{viewer['name']} ({viewer['role']}) for {unit}")
        tasks = session.execute(GraphQLRequest(OUR_TASKS, variable_values={"unit": unit}))["tasks"]
        lines.append(
            f"{tasks['totalCount']} tasks name {unit} as responsible, directly or via a group"
        )
        for task in tasks["nodes"]:
            variables = {"task": task["number"], "unit": unit}
            chain = session.execute(GraphQLRequest(CHAIN, variable_values=variables))
            reviewers = "、".join(r["name"] for r in chain["accountability"]["reviewers"])
            lines.append(f"{task['label']}{task['title']}: report to {reviewers}")
    return lines


def main() -> int:
    url = os.environ.get("TONGNAN_URL", "http://127.0.0.1:8000/graphql")
    token = os.environ.get("TONGNAN_TOKEN")
    if not token:
        print(
            "set TONGNAN_TOKEN to your unit's API token (tongnan token create …)", file=sys.stderr
        )
        return 2
    for line in report(url, token):
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
