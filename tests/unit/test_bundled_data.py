"""The bundled plan and directory are found in the checkout's data/ folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from tongnan.domain.plans import bundled_directory, bundled_plan
from tongnan.domain.plans.bundled import data_dir

CHECKOUT_DATA = Path(__file__).resolve().parents[2] / "data"


def test_a_checkout_reads_its_own_data_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TONGNAN_DATA_DIR", raising=False)
    assert data_dir() == CHECKOUT_DATA
    assert bundled_plan().is_file()
    assert bundled_directory().is_file()


def test_the_data_folder_can_be_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TONGNAN_DATA_DIR", str(tmp_path))
    assert bundled_directory() == tmp_path / "directory.toml"
