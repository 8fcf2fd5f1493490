"""The app as production serves it, plus one bare route to compare against."""
from storefront import create_app

app = create_app()


@app.get("/_bench/bare")
def bare():
    """The cheapest Flask route on the same server: the yardstick for every ratio."""
    return "ok"
