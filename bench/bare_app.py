"""The yardstick: the smallest Flask app, served by the same gunicorn settings as the shop.

Every ratio the benchmarks print is a page's requests per second divided by this app's,
measured in the same run on the same machine.
"""
from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    return "Hello, World!"


@app.get("/healthz")
def healthz():
    return "ok"
