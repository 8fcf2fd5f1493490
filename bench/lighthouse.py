"""Lighthouse (mobile) scores and the home page's transfer size, on the demo shop.

Method: a fresh SQLite database with the demo data, served by gunicorn (2 workers) on
loopback; Lighthouse 13 in its default mobile mode (simulated slow 4G and a 4× slower
CPU) run against Debian's chromium for each page, one at a time. Prints performance and
accessibility scores (0–100) and the total bytes the home page's first load transfers.
Lighthouse comes from the npm registry into bench/.node (`make bench` installs it).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile

from bench.common import ROOT, gunicorn, machine, say

LIGHTHOUSE = ROOT / "bench/.node/node_modules/.bin/lighthouse"
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run --disable-quic")


def audit(url: str) -> dict:
    out = subprocess.run(
        [str(LIGHTHOUSE), url, "--output=json", "--output-path=stdout", "--quiet",
         "--form-factor=mobile", "--only-categories=performance,accessibility",
         f"--chrome-flags={CHROME_FLAGS}"],
        env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"}, check=True, capture_output=True,
        text=True, timeout=180).stdout
    report = json.loads(out)
    return {"performance": round(report["categories"]["performance"]["score"] * 100),
            "accessibility": round(report["categories"]["accessibility"]["score"] * 100),
            "bytes": report["audits"]["total-byte-weight"]["numericValue"]}


def main() -> dict:
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is missing: run `make bench` (it installs it into bench/.node).")
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/demo.db"
        env = {**os.environ, "DATABASE_URL": url, "MEDIA_ROOT": f"{tmp}/media"}
        for command in (["db", "upgrade"], ["seed-demo"]):
            subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", *command], cwd=ROOT, env=env,
                           check=True, capture_output=True)
        with gunicorn(url, workers=2, extra_env={"MEDIA_ROOT": f"{tmp}/media"}) as (base, _process):
            pages = {"home": "/", "product": "/produk/sambal-luat-botol",
                     "shop": "/toko/dapur-mama-yuli", "checkout": "/pesan/"}
            results = {name: audit(base + path) for name, path in pages.items()}
    say(f"lighthouse 13 mobile, demo data, gunicorn 2 workers, Debian chromium; {machine()}")
    say(f"{'page':<10}{'performance':>12}{'accessibility':>15}{'KB transferred':>16}")
    for name, r in results.items():
        say(f"{name:<10}{r['performance']:>12}{r['accessibility']:>15}{r['bytes'] / 1024:>16.1f}")
    return results


if __name__ == "__main__":
    main()
