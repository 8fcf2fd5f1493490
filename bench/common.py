"""Shared bench plumbing: a PostgreSQL database of its own, bulk data, gunicorn, wrk."""
from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN = os.environ.get("BENCH_PG_ADMIN_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
PG_BENCH = os.environ.get("BENCH_DATABASE_URL",
                          "postgresql+psycopg://postgres@127.0.0.1:5432/pasar_ibu_bench")


def say(line: str) -> None:
    print(line, flush=True)


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), "unknown cpu")
    return f"{os.cpu_count()} cores, {cpu}"


def fresh_database(url: str = PG_BENCH) -> str:
    """Create (or empty) the bench database and migrate it to the latest revision."""
    name = sa.engine.make_url(url).database
    admin = sa.create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    env = {**os.environ, "DATABASE_URL": url}
    subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", "db", "upgrade"], cwd=ROOT, env=env,
                   check=True, capture_output=True)
    return url


def app_for(url: str):
    from storefront import create_app

    return create_app({"SQLALCHEMY_DATABASE_URI": url, "MEDIA_ROOT": "/tmp/pasar-ibu-bench-media",
                       "RATELIMIT_ENABLED": False})


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def gunicorn(url: str, workers: int = 2, extra_env: dict | None = None,
             app: str = "bench.wsgi_bench:app"):
    """Serve ``app`` (the shop by default) with gunicorn.conf.py; yields the base URL and process."""
    port = free_port()
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": "bench-secret", "APP_ENV": "development",
           "MEDIA_ROOT": "/tmp/pasar-ibu-bench-media", "GUNICORN_ACCESS_LOG": "0",
           # every simulated buyer comes from 127.0.0.1: per-address limits would refuse them
           "RATELIMIT_ENABLED": "0", **(extra_env or {})}
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "-w", str(workers),
         "-b", f"127.0.0.1:{port}", app],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            with contextlib.suppress(OSError):
                urllib.request.urlopen(base + "/healthz", timeout=1)
                break
            time.sleep(0.2)
        else:
            raise RuntimeError("gunicorn did not start")
        yield base, process
    finally:
        process.terminate()
        try:  # gunicorn.conf.py gives busy workers 30 s to finish (graceful_timeout)
            process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            process.kill()  # its workers see their parent gone and stop too
            process.wait()


def cpu_seconds(process: subprocess.Popen) -> float:
    """CPU time (user + system) used so far by a server process and its live children."""
    tick = os.sysconf("SC_CLK_TCK")
    pids = [process.pid]
    for task in Path(f"/proc/{process.pid}/task").iterdir():
        with contextlib.suppress(OSError):
            pids += [int(pid) for pid in (task / "children").read_text().split()]
    total = 0.0
    for pid in pids:
        with contextlib.suppress(OSError, IndexError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def load_average() -> str:
    """The 1, 5 and 15 minute load averages, as `uptime` prints them."""
    return ", ".join(Path("/proc/loadavg").read_text().split()[:3])


def wrk(url: str, seconds: int = 10, connections: int = 16, threads: int = 2,
        headers: dict[str, str] | None = None) -> dict[str, float]:
    """Run wrk; returns requests/s and latency percentiles in milliseconds."""
    extra = [arg for name, value in (headers or {}).items() for arg in ("-H", f"{name}: {value}")]
    out = subprocess.run(["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", *extra,
                          url], check=True, capture_output=True, text=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    result = {"rps": rps, "requests": float(re.search(r"(\d+) requests in", out).group(1))}
    for pct in ("50", "90", "99"):
        match = re.search(rf"\s{pct}%\s+([\d.]+)(us|ms|s)", out)
        if match:
            value, unit = float(match.group(1)), match.group(2)
            result[f"p{pct}"] = value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)  # 304 counts as success
    result["errors"] = float(errors.group(1)) if errors else 0.0
    return result
