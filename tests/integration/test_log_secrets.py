"""Secrets stay out of logs: the token segment of one-time links is masked in gunicorn's
access log (a real gunicorn, its log file read back) and in the app's own log records."""
import contextlib
import io
import logging
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from storefront.logs import RedactPersonalData, mask_tokens

ROOT = Path(__file__).resolve().parents[2]
SECRET = "Zq9sEcReTtOkEn_abcdefghijklmnop"
PATHS = [f"/pesanan/{SECRET}", f"/pesanan/{SECRET}/terima-kasih", f"/bayar/{SECRET}/bukti",
         f"/tap/{SECRET}.sig", f"/akun/atur-sandi/{SECRET}"]


@pytest.mark.parametrize("path", PATHS)
def test_mask_tokens(path):
    masked = mask_tokens(f'"GET {path} HTTP/1.1"')
    assert SECRET not in masked and "[token]" in masked


def test_other_paths_are_kept():
    assert mask_tokens("/bayar/qris.svg /produk/kue-lapis /penjual/") == \
        "/bayar/qris.svg /produk/kue-lapis /penjual/"


def test_app_log_records_are_masked():
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.addFilter(RedactPersonalData())
    log = logging.getLogger("test.secrets")
    log.addHandler(handler)
    try:
        log.warning("csrf refused on %s", f"/akun/atur-sandi/{SECRET}")
        log.warning("tap link used: /tap/%s", SECRET)
    finally:
        log.removeHandler(handler)
    assert SECRET not in out.getvalue() and out.getvalue().count("[token]") == 2


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_gunicorn_access_log_masks_tokens(tmp_path):
    port, log_file = _free_port(), tmp_path / "access.log"
    env = {**os.environ, "APP_ENV": "development", "DATABASE_URL": f"sqlite:///{tmp_path}/x.db",
           "WEB_CONCURRENCY": "1", "GUNICORN_BIND": f"127.0.0.1:{port}", "REDIS_URL": "",
           "SECRET_KEY": "log-test"}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--access-logfile",
         str(log_file), "wsgi:app"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)
    try:
        for _ in range(300):  # up to 30 s on a busy machine
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
                break
            except OSError:
                time.sleep(0.1)
        for path in PATHS:
            # any answer will do: the line is logged whatever the status
            with contextlib.suppress(urllib.error.HTTPError):
                urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30)
    finally:
        server.terminate()
        server.wait(timeout=20)
    text = log_file.read_text()
    assert text.count("[token]") == len(PATHS), text
    assert SECRET not in text
