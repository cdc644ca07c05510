"""Where the bundled data lives: the 2025 plan notice and the district directory under data/."""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

PLAN_FILE = "plans/tongnan-2025-work-points.txt"
DIRECTORY_FILE = "directory.toml"


def data_dir() -> Path:
    """``TONGNAN_DATA_DIR``, else the checkout's data/, else the copy installed in the wheel."""
    configured = os.environ.get("TONGNAN_DATA_DIR")
    if configured:
        return Path(configured)
    checkout = Path(str(files("tongnan"))).resolve().parent / "data"
    if (checkout / DIRECTORY_FILE).is_file():
        return checkout
    return Path(str(files("tongnan") / "_data"))


def bundled_plan() -> Path:
    return data_dir() / PLAN_FILE


def bundled_directory() -> Path:
    return data_dir() / DIRECTORY_FILE
