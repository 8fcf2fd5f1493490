"""`make bench`: every benchmark in turn; `python -m bench NAME` runs one."""
from __future__ import annotations

import importlib
import sys

BENCHES = ["catalog_load", "middleware", "checkout_rush", "scaling", "search", "impact", "lighthouse",
           "image_memory"]

if __name__ == "__main__":
    for name in sys.argv[1:] or BENCHES:
        print(f"\n== {name} ==", flush=True)
        importlib.import_module(f"bench.{name}").main()
