"""find_targets: the comparator words, numbers, multipliers and units a task body may use."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tongnan.domain.common.values import Comparator
from tongnan.domain.parsing.model import ParsedTarget
from tongnan.domain.parsing.targets import find_targets

C = Comparator


def only(body: str) -> ParsedTarget:
    targets = find_targets(body)
    assert len(targets) == 1, targets
    return targets[0]


@pytest.mark.parametrize(
    ("body", "metric", "comparator", "threshold", "unit"),
    [
        ("确保农村居民人均可支配收入不低于2万元。", "农村居民人均可支配收入", C.GE, "2", "万元"),
        ("培训人数不少于500人次。", "培训人数", C.GE, "500", "人次"),
        ("力争集体经济收入达到10万元以上。", "集体经济收入", C.GE, "10", "万元"),
        ("推动覆盖率达95.5%。", "覆盖率", C.GE, "95.5", "%"),
        ("新增就业超过3000人。", "新增就业", C.GT, "3000", "人"),
        ("失业率不超过5%。", "失业率", C.LE, "5", "%"),
        ("发病率控制在3‰以内。", "发病率", C.LE, "3", "‰"),
        ("返贫率低于1%。", "返贫率", C.LT, "1", "%"),
        ("帮扶资金规模达1.5亿元。", "帮扶资金规模", C.GE, "1.5", "亿元"),
        ("产业覆盖面积稳定在2万亩以上。", "产业覆盖面积", C.GE, "20000", "亩"),
        ("农村公路新改建达120公里。", "农村公路新改建", C.GE, "120", "公里"),
        ("就业规模稳定在0.3亿人以上。", "就业规模", C.GE, "30000000", "人"),
        ("保持龙头企业数量不少于20家。", "龙头企业数量", C.GE, "20", "家"),
        ("巡诊次数达到12次。", "巡诊次数", C.GE, "12", "次"),
        ("全区脱贫户数量稳定在8000户。", "全区脱贫户数量", C.GE, "8000", "户"),
    ],
)
def test_comparator_forms(
    body: str, metric: str, comparator: Comparator, threshold: str, unit: str
) -> None:
    target = only(body)
    assert (target.metric, target.comparator, target.threshold, target.unit_of_measure) == (
        metric,
        comparator,
        Decimal(threshold),
        unit,
    )
    assert target.baseline_year is None
    assert body.startswith(target.text) or target.text in body


def test_wan_multiplies_and_the_threshold_is_a_plain_integer() -> None:
    target = only("全区脱贫群众就业总体规模稳定在2.4万人以上。")
    assert target.threshold == Decimal("24000")
    assert str(target.threshold) == "24000"


@pytest.mark.parametrize("phrase", ["有增长", "有提高", "有所提升", "有所增加"])
def test_increase_against_a_baseline_year(phrase: str) -> None:
    target = only(f"确保村医持证率较2023年{phrase}。")
    assert target == ParsedTarget(
        "村医持证率", C.INCREASE, None, None, 2023, f"村医持证率较2023年{phrase}"
    )


def test_decrease_against_a_baseline_year() -> None:
    target = only("推动因病返贫人数较2024年度有所下降。")
    assert (target.metric, target.comparator, target.baseline_year) == (
        "因病返贫人数",
        C.DECREASE,
        2024,
    )


def test_vague_reductions_are_not_targets() -> None:
    assert find_targets("确保收入同比下降的脱贫人口明显减少,差距进一步缩小。") == ()


def test_years_and_plain_numbers_are_not_targets() -> None:
    assert find_targets("分解2025年消费帮扶指导性计划,下达2025年资金,开展“三个捆绑”。") == ()


def test_zero_targets() -> None:
    assert only("保持饮水问题动态清零。") == ParsedTarget(
        "饮水问题", C.EQ, Decimal("0"), None, None, "饮水问题动态清零"
    )


def test_count_targets_name_what_is_counted() -> None:
    first, second = find_targets(
        "实现有劳动能力有就业意愿的脱贫家庭至少1人就业,确保搬迁脱贫户实现1户1人以上就业。"
    )
    assert (first.metric, first.threshold, first.unit_of_measure) == (
        "有劳动能力有就业意愿的脱贫家庭就业人数",
        Decimal("1"),
        "人",
    )
    assert (second.metric, second.comparator, second.threshold, second.unit_of_measure) == (
        "搬迁脱贫户每户就业人数",
        C.GE,
        Decimal("1"),
        "人",
    )


def test_targets_are_in_body_order() -> None:
    body = "失业率不超过5%,保持饮水问题动态清零,参保率较2024年有提高,收入不低于8700元。"
    assert [t.metric for t in find_targets(body)] == ["失业率", "饮水问题", "参保率", "收入"]


def test_full_width_digits_and_percent() -> None:
    target = only("参保率达９９％以上。")
    assert (target.threshold, target.unit_of_measure, target.text) == (
        Decimal("99"),
        "%",
        "参保率达９９％以上",
    )


@pytest.mark.parametrize("stop", [";", "\uff1b", ",", "\uff0c", ":", "\uff1a", "\u3002"])
def test_leading_verbs_and_clause_punctuation_are_trimmed_from_the_metric(stop: str) -> None:
    target = only(f"加强保障{stop}确保实现脱贫人口务工规模不低于2万人。")
    assert target.metric == "脱贫人口务工规模"
    assert target.text == "脱贫人口务工规模不低于2万人"


@pytest.mark.parametrize(("lp", "rp"), [("(", ")"), ("\uff08", "\uff09")])
def test_brackets_in_the_metric_are_kept_as_written(lp: str, rp: str) -> None:
    target = only(f"确保执业{lp}助理{rp}医师资格人数占比较2024年度有增长。")
    assert target.metric == f"执业{lp}助理{rp}医师资格人数占比"


def test_a_comparator_without_a_subject_is_skipped() -> None:
    assert find_targets("不低于8700元。") == ()


def test_json_of_a_target() -> None:
    assert only("收入不低于8700.50元。").to_json() == {
        "metric": "收入",
        "comparator": "GE",
        "threshold": "8700.5",
        "unit_of_measure": "元",
        "baseline_year": None,
        "text": "收入不低于8700.50元",
        "scope": "EACH_UNIT",
    }
