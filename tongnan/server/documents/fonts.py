"""Are the fonts the documents need installed? Asks fontconfig (``fc-list``)."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass

INSTALL_HINT = "apt-get install fonts-noto-cjk fonts-arphic-ukai"

#: Families the stylesheet names for each role, licensed first, stand-ins after.
SERIF = ("FangSong_GB2312", "仿宋_GB2312", "Noto Serif CJK SC", "Source Han Serif SC")
SANS = ("SimHei", "黑体", "Noto Sans CJK SC", "Source Han Sans SC")
KAI = ("KaiTi_GB2312", "楷体_GB2312", "AR PL UKai CN")


class MissingFonts(RuntimeError):
    """No CJK serif font is installed: official documents cannot be typeset."""


@dataclass(frozen=True, slots=True)
class FontReport:
    """The family found for each role (None when missing: the text falls back to the serif)."""

    serif: str
    sans: str | None
    kai: str | None


def installed_cjk_families() -> set[str]:
    """Family names fontconfig knows for Chinese (every name of a multi-name family)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        raise MissingFonts(f"没有安装 fontconfig（fc-list），请运行：{INSTALL_HINT} fontconfig")
    result = subprocess.run(
        [fc_list, ":lang=zh", "family"], capture_output=True, text=True, timeout=30, check=False
    )
    families: set[str] = set()
    for line in result.stdout.splitlines():
        families.update(name.strip() for name in line.split(",") if name.strip())
    return families


def check_fonts() -> FontReport:
    """The fonts the documents will use; raise MissingFonts when there is no CJK serif."""
    families = installed_cjk_families()

    def first(candidates: tuple[str, ...]) -> str | None:
        return next((name for name in candidates if name in families), None)

    serif = first(SERIF)
    if serif is None:
        raise MissingFonts(
            "没有安装中文宋体类字体（仿宋，或 Noto Serif CJK SC 等替代字体），"
            f"请运行：{INSTALL_HINT}"
        )
    return FontReport(serif=serif, sans=first(SANS), kai=first(KAI))
