"""A loopback fake S3 for the real ``boto3``: moto's ``ThreadedMotoServer`` on 127.0.0.1.

One server per test session (it takes a second to start); each test gets a bucket of its
own (``new_bucket``), so nothing one test stores is seen by another.  The server speaks
S3's HTTP API, so the app's boto3 client goes through its whole request path: signing,
retries, error parsing.
"""
from __future__ import annotations

import itertools
import os
import socket
from contextlib import contextmanager
from dataclasses import dataclass

import boto3
from moto.server import ThreadedMotoServer

REGION = "us-east-1"

#: What boto3 reads from the environment while the fake runs: dummy keys (the fake accepts
#: any), one attempt per call (a down endpoint fails at once), and no shared ~/.aws files.
ENVIRONMENT = {
    "AWS_ACCESS_KEY_ID": "fake-access-key",
    "AWS_SECRET_ACCESS_KEY": "fake-secret-key",
    "AWS_MAX_ATTEMPTS": "1",
    "AWS_CONFIG_FILE": os.devnull,
    "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
}
_buckets = itertools.count(1)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def aws_environment():
    saved = {name: os.environ.get(name) for name in (*ENVIRONMENT, "AWS_PROFILE", "AWS_SESSION_TOKEN")}
    os.environ.update(ENVIRONMENT)
    os.environ.pop("AWS_PROFILE", None)
    os.environ.pop("AWS_SESSION_TOKEN", None)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


class FakeS3:
    """The running fake, and a client of its own to look inside buckets."""

    def __init__(self):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._server = ThreadedMotoServer(ip_address="127.0.0.1", port=self.port, verbose=False)
        self.client = None

    def start(self) -> None:
        self._server.start()
        self.client = boto3.session.Session().client("s3", endpoint_url=self.url, region_name=REGION)

    def stop(self) -> None:
        self._server.stop()

    def new_bucket(self) -> Bucket:
        bucket = Bucket(self, f"pasar-ibu-test-{next(_buckets)}")
        self.client.create_bucket(Bucket=bucket.name)
        return bucket


@dataclass
class Bucket:
    """One test's bucket, seen from outside the app."""

    fake: FakeS3
    name: str

    def keys(self, prefix: str = "") -> list[str]:
        reply = self.fake.client.list_objects_v2(Bucket=self.name, Prefix=prefix)
        return sorted(item["Key"] for item in reply.get("Contents", []))

    def head(self, key: str) -> dict:
        return self.fake.client.head_object(Bucket=self.name, Key=key)

    def body(self, key: str) -> bytes:
        return self.fake.client.get_object(Bucket=self.name, Key=key)["Body"].read()


def dead_endpoint() -> str:
    """An address where nothing listens: connections are refused at once."""
    return f"http://127.0.0.1:{free_port()}"
