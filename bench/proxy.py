"""The shipped nginx page cache (deploy/nginx.conf) in front of a bench server.

The bench writes a small nginx.conf of its own (no daemon, files under a temporary
directory) that includes deploy/nginx.conf with the upstream, port and cache directory
replaced, so what is measured is the file that production uses.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
import time
import urllib.request
from collections import Counter
from pathlib import Path

from bench.common import ROOT, free_port, wrk

DEPLOY = ROOT / "deploy"
PAGES = {"home": "/", "category": "/kategori/kue", 'search "kue"': "/cari?q=kue"}


def available() -> bool:
    return shutil.which("nginx") is not None or Path("/usr/sbin/nginx").exists()


def _site(upstream: str, port: int, tmp: Path) -> str:
    site = (DEPLOY / "nginx.conf").read_text()
    site = site.replace("127.0.0.1:8000", upstream).replace("listen 80;", f"listen 127.0.0.1:{port};")
    site = site.replace("/var/cache/nginx/pasar-ibu", str(tmp / "cache"))
    return site.replace("/etc/pasar-ibu/", f"{DEPLOY}/")


@contextlib.contextmanager
def nginx(upstream: str):
    """Run nginx in front of ``upstream`` (host:port); yields its base URL and access log."""
    with tempfile.TemporaryDirectory(prefix="pasar-ibu-nginx-") as name:
        tmp = Path(name)
        port = free_port()
        (tmp / "site.conf").write_text(_site(upstream, port, tmp))
        # run as root (a container), nginx's workers would drop to "nobody" and lose the cache
        user = "user root;" if os.geteuid() == 0 else ""
        (tmp / "nginx.conf").write_text(f"""
{user}
daemon off;
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log;
events {{ worker_connections 1024; }}
http {{
    log_format cache "$upstream_cache_status";
    access_log {tmp}/access.log cache;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    include {tmp}/site.conf;
}}
""")
        binary = shutil.which("nginx") or "/usr/sbin/nginx"
        process = subprocess.Popen([binary, "-p", str(tmp), "-c", str(tmp / "nginx.conf")],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(50):
                with contextlib.suppress(OSError):
                    urllib.request.urlopen(base + "/healthz", timeout=1)
                    break
                time.sleep(0.1)
            else:
                raise RuntimeError("nginx did not start: " + (tmp / "error.log").read_text())
            yield base, tmp / "access.log"
        finally:
            process.terminate()
            process.wait(timeout=10)


def _statuses(log: Path) -> Counter:
    return Counter(line.strip() or "-" for line in log.read_text().splitlines())


def measure(upstream_base: str, bare, seconds: int) -> dict[str, dict[str, float]]:
    """wrk on each page through nginx: req/s, ratio to the bare app, hit ratio, app CPU."""
    results = {}
    upstream = upstream_base.removeprefix("http://")
    with nginx(upstream) as (base, log):
        bare_rps = wrk(bare[0] + "/", seconds=seconds)["rps"]
        for name, path in PAGES.items():
            seen = _statuses(log)
            result = wrk(base + path, seconds=seconds)
            counts = _statuses(log) - seen
            total = sum(counts.values()) or 1
            result["hit_ratio"] = counts["HIT"] / total
            result["reached_app"] = total - counts["HIT"]
            result["ratio"] = result["rps"] / bare_rps
            results[name] = result
    return results


def report(results: dict[str, dict[str, float]]) -> str:
    lines = ["behind nginx (deploy/nginx.conf, proxy_cache on), caches on:"]
    for name, r in results.items():
        lines.append(f"  {name:<14} {r['rps']:>7.0f} req/s, ratio {r['ratio']:.2f}, "
                     f"hit ratio {r['hit_ratio']:.1%} ({r['reached_app']:.0f} of "
                     f"{r['requests']:.0f} requests reached the app), p99 {r.get('p99', 0):.1f} ms")
    return "\n".join(lines)
