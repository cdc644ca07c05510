"""The bench's DingTalk-format robot in a process of its own, so its CPU is its own and it does
not share the bench process's interpreter lock with the poller and the sampler.

    python -m bench.notifications.receiver PORT SECRET

Runs ``tests.support.receivers.RobotReceiver`` (signatures checked, repeated keys dropped) until
terminated; ``GET /robot/stats`` answers its counts.
"""

from __future__ import annotations

import argparse

from tests.support.receivers import RobotReceiver


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("port", type=int)
    parser.add_argument("secret")
    args = parser.parse_args()
    RobotReceiver(secret=args.secret, port=args.port).serve()


if __name__ == "__main__":
    main()
