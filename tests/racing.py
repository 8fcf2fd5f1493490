"""Run several actions at the same moment, each in its own app context, session and
connection, committing for real (the ``app`` fixture empties every table afterwards)."""
from __future__ import annotations

import threading
from collections.abc import Callable

from storefront.extensions import db


def race(app, actions: list[Callable[[], object]], timeout: float = 60) -> list[object]:
    """Each action's result, or the exception it raised (after a rollback)."""
    barrier = threading.Barrier(len(actions))
    results: list[object] = [None] * len(actions)

    def run(n: int, action) -> None:
        with app.app_context():
            try:
                barrier.wait(timeout=timeout)
                results[n] = action()
                db.session.commit()
            except Exception as exc:  # noqa: BLE001 - returned to the test
                db.session.rollback()
                results[n] = exc
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=(n, a)) for n, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return results
