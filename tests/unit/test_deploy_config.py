"""deploy/nginx.conf, the reverse proxy production runs behind, says what the README promises
and agrees with the server's own limits (``nginx -t`` checks it where nginx is installed)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from tests.support.files import REPO
from tongnan.server.settings import Settings

CONFIG = (REPO / "deploy" / "nginx.conf").read_text(encoding="utf-8")


def _value(directive: str) -> str:
    match = re.search(rf"^\s*{directive}\s+([^;]+);", CONFIG, re.M)
    assert match, f"deploy/nginx.conf has no {directive}"
    return match.group(1).strip()


def _seconds(text: str) -> int:
    assert text.endswith("s"), text
    return int(text[:-1])


def test_the_proxy_times_out_slow_clients_and_limits_connections() -> None:
    settings = Settings()
    assert _seconds(_value("client_header_timeout")) <= 30
    assert _seconds(_value("client_body_timeout")) <= settings.body_timeout_seconds
    assert _value("client_max_body_size") == f"{settings.max_body_bytes // 1_048_576}m"
    assert _value("limit_conn").startswith("tongnan_conn ")
    assert "proxy_set_header Upgrade    $http_upgrade;" in CONFIG
    assert "proxy_set_header Connection $connection_upgrade;" in CONFIG
    assert _value("proxy_set_header X-Forwarded-For") == "$remote_addr"


def test_the_readme_names_it() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "deploy/nginx.conf" in readme and "### 限额 / Limits" in readme


def test_nginx_accepts_it(tmp_path: Path) -> None:
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        return  # the syntax is checked where nginx is installed; the directives above always
    key, cert = tmp_path / "k.pem", tmp_path / "c.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes"),
            *("-keyout", str(key), "-out", str(cert), "-days", "1", "-subj", "/CN=test"),
        ],
        check=True,
        capture_output=True,
    )
    site = tmp_path / "tongnan.conf"
    site.write_text(
        CONFIG.replace("/etc/nginx/tls/tongnan.crt", str(cert)).replace(
            "/etc/nginx/tls/tongnan.key", str(key)
        ),
        encoding="utf-8",
    )
    main = tmp_path / "nginx.conf"
    main.write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{ access_log off; include {site}; }}\n",
        encoding="utf-8",
    )
    result = subprocess.run([nginx, "-t", "-c", str(main)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
