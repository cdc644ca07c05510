"""Pure notification rules: the DingTalk signature, the backoff schedule, the templates and how
they render, sealed secrets, the digest's grouping and hour, and the settings' checks."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import random
from email import message_from_bytes, policy
from urllib.parse import parse_qs, unquote_plus, urlsplit

import pytest

from tongnan.domain.common.clock import LOCAL_TZ
from tongnan.domain.models.notifications import NotificationEvent
from tongnan.domain.notifications import templates
from tongnan.domain.notifications.backoff import RetryPolicy
from tongnan.domain.notifications.digest import Warned, due, group
from tongnan.domain.notifications.sealing import SecretBox
from tongnan.server.notifications.channel import Outgoing
from tongnan.server.notifications.config import NotifySettings
from tongnan.server.notifications.dingtalk import payload, sign, signed_url
from tongnan.server.notifications.smtp import compose
from tongnan.server.notifications.wecom import payload as wecom_payload

SECRET = "SEC0123456789abcdef"


def test_the_dingtalk_sign_is_hmac_sha256_of_timestamp_newline_secret() -> None:
    stamp = 1_700_000_000_000
    mac = hmac.new(SECRET.encode(), f"{stamp}\n{SECRET}".encode(), hashlib.sha256).digest()
    assert unquote_plus(sign(SECRET, stamp)) == base64.b64encode(mac).decode()
    url = signed_url("https://oapi.dingtalk.com/robot/send?access_token=abc", SECRET, stamp)
    query = parse_qs(urlsplit(url).query)  # parse_qs decodes the + and / of base64
    assert query["access_token"] == ["abc"]
    assert query["timestamp"] == [str(stamp)]
    assert query["sign"] == [base64.b64encode(mac).decode()]


def test_an_unsigned_robot_keeps_its_url() -> None:
    assert signed_url("https://x/robot?access_token=a", None, 1) == "https://x/robot?access_token=a"


def test_backoff_doubles_with_jitter_up_to_the_cap_then_gives_up() -> None:
    policy = RetryPolicy(base_seconds=10, max_seconds=100, max_failures=5)
    rng = random.Random(7)
    for failures, ceiling in ((1, 10), (2, 20), (3, 40), (4, 80), (5, 100), (9, 100)):
        for _ in range(50):
            delay = policy.delay(failures, rng)
            assert ceiling / 2 <= delay <= ceiling
    delays = {policy.delay(3, rng) for _ in range(20)}
    assert len(delays) > 1  # jittered: workers that failed together do not retry together
    assert not policy.gives_up(4)
    assert policy.gives_up(5)
    now = dt.datetime(2025, 6, 1, tzinfo=dt.UTC)
    assert policy.next_attempt(now, 1, random.Random(1)) > now


def test_the_same_seed_gives_the_same_schedule() -> None:
    policy = RetryPolicy(base_seconds=1)
    first = [policy.delay(n, random.Random(3)) for n in range(1, 8)]
    assert first == [policy.delay(n, random.Random(3)) for n in range(1, 8)]


def _message() -> Outgoing:
    m = templates.report_returned(
        "(一)稳岗就业", "2025年6月调度", "区人力社保局", "补台账", "/#/r/5"
    )
    return Outgoing("tn-abc", m.title, m.body, m.link, "https://tongnan.example")


def test_templates_are_short_chinese_with_the_action_link() -> None:
    day = dt.date(2025, 6, 25)
    messages = [
        templates.urge_issued("双江镇", 3, 2, "/#/urge-notices/1"),
        templates.report_returned("(一)稳岗", "6月调度", "区人力社保局", "补台账", "/#/reports/1"),
        templates.round_opened("2025年6月调度", day, 4, "/#/rounds/1"),
        templates.warning_digest("双江镇", day, ["任务甲"], ["任务乙"], "/#/warnings"),
        templates.item_rejected("危房改造", "照片不清", "/#/rectification/1"),
        templates.document_issued("潼巩固专办发〔2025〕2号", "进展通报", "/documents/1.pdf"),
    ]
    assert {m.event for m in messages} == set(NotificationEvent)
    for m in messages:
        assert m.link.startswith("/")
        assert len(m.title) <= 30 and len(m.body) <= 400
        assert not any(c.isascii() and c.isalpha() for c in m.title.replace("PDF", ""))
    assert "2025年6月25日" in messages[2].body
    assert "补台账" in messages[1].body


def test_a_digest_lists_ten_and_counts_the_rest() -> None:
    red = [f"任务{i}" for i in range(14)]
    m = templates.warning_digest("双江镇", dt.date(2025, 6, 1), red, [], "/#/warnings")
    assert "红色预警14项" in m.lines[0]
    assert len(m.lines) == 1 + templates.MAX_LINES + 1
    assert m.lines[-1] == "另有4项,详见工作台。"


def test_robot_payloads_carry_markdown_the_absolute_link_and_the_key() -> None:
    ding = payload(_message())
    assert ding["msgtype"] == "markdown"
    text = ding["markdown"]["text"]  # type: ignore[index]
    assert "https://tongnan.example/#/r/5" in text and "tn-abc" in text
    assert ding["markdown"]["title"] == "进展报告被退回"  # type: ignore[index]
    wecom = wecom_payload(_message())
    assert "tn-abc" in wecom["markdown"]["content"]  # type: ignore[index]


def test_mail_has_text_and_html_parts_an_encoded_chinese_subject_and_the_key() -> None:
    mail = compose(_message(), "tongnan@example.gov.cn", "office@example.gov.cn")
    raw = mail.as_bytes()
    subject_line = next(line for line in raw.split(b"\n") if line.startswith(b"Subject:"))
    assert b"=?utf-8?" in subject_line.lower()  # RFC 2047, not raw UTF-8 in the header
    parsed = message_from_bytes(raw, policy=policy.default)
    assert parsed["Subject"] == "进展报告被退回"
    assert parsed["Message-ID"] == "<tn-abc@tongnan>"
    assert parsed["X-Tongnan-Idempotency-Key"] == "tn-abc"
    types = [part.get_content_type() for part in parsed.walk()]
    assert types == ["multipart/alternative", "text/plain", "text/html"]


def test_secrets_are_sealed_and_open_only_with_the_key() -> None:
    box = SecretBox(b"k" * 32)
    sealed = box.seal(
        {"url": "https://oapi.dingtalk.com/robot/send?access_token=t", "secret": SECRET}
    )
    assert "access_token" not in sealed and SECRET not in sealed
    assert box.open(sealed)["secret"] == SECRET
    assert box.seal({"a": "b"}) != box.seal({"a": "b"})  # a fresh nonce each time
    with pytest.raises(ValueError, match="密钥不符"):
        SecretBox(b"x" * 32).open(sealed)


def test_the_digest_groups_by_unit_and_is_due_from_its_hour() -> None:
    warned = [
        Warned(2, "双江镇", "RED", "任务甲"),
        Warned(2, "双江镇", "YELLOW", "任务乙"),
        Warned(2, "双江镇", "RED", "任务甲"),
        Warned(1, "龙形镇", "GREEN", "任务丙"),
        Warned(3, "古溪镇", "YELLOW", "任务丁"),
    ]
    digests = group(warned)
    assert [(d.unit_id, d.red, d.yellow) for d in digests] == [
        (2, ["任务甲"], ["任务乙"]),
        (3, [], ["任务丁"]),
    ]
    morning = dt.datetime(2025, 6, 2, 8, 59, tzinfo=LOCAL_TZ)
    assert due(morning, 9) is None
    assert due(morning + dt.timedelta(minutes=1), 9) == dt.date(2025, 6, 2)
    # 01:30 UTC is 09:30 in the district: due on the local day
    assert due(dt.datetime(2025, 6, 2, 1, 30, tzinfo=dt.UTC), 9) == dt.date(2025, 6, 2)


@pytest.mark.parametrize(
    ("env", "words"),
    [
        ({"TONGNAN_NOTIFY_DIGEST_HOUR": "24"}, "TONGNAN_NOTIFY_DIGEST_HOUR"),
        ({"TONGNAN_NOTIFY_MAX_FAILURES": "0"}, "TONGNAN_NOTIFY_MAX_FAILURES"),
        ({"TONGNAN_NOTIFY_BACKOFF_BASE_SECONDS": "-1"}, "秒数"),
        ({"TONGNAN_PUBLIC_URL": "tongnan.local"}, "TONGNAN_PUBLIC_URL"),
        ({"TONGNAN_NOTIFY_WORKER": "maybe"}, "TONGNAN_NOTIFY_WORKER"),
        (
            {"TONGNAN_NOTIFY_LEASE_SECONDS": "5", "TONGNAN_NOTIFY_SEND_TIMEOUT_SECONDS": "10"},
            "应小于",
        ),
    ],
)
def test_bad_notification_settings_stop_the_start(env: dict[str, str], words: str) -> None:
    with pytest.raises(ValueError, match=words):
        NotifySettings.from_env(env)


def test_notification_settings_from_the_environment() -> None:
    s = NotifySettings.from_env(
        {
            "TONGNAN_NOTIFY_WORKER": "0",
            "TONGNAN_NOTIFY_DIGEST_HOUR": "8",
            "TONGNAN_NOTIFY_MAX_FAILURES": "3",
            "TONGNAN_SMTP_HOST": "mail.example.gov.cn",
            "TONGNAN_PUBLIC_URL": "https://tongnan.example",
        }
    )
    assert (s.worker, s.digest_hour, s.smtp_host) == (False, 8, "mail.example.gov.cn")
    assert s.retry_policy().max_failures == 3
    assert NotifySettings.from_env({}) == NotifySettings()
