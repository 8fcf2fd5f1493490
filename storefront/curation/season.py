"""The Hari Ibu season on every page: the header and the home page lead to the campaign,
its hampers and its pickup points from HARI_IBU_SEASON_START to HARI_IBU_DATE."""
from __future__ import annotations

from flask import Flask, current_app

from storefront import clock
from storefront.domain.campaign import Campaign, campaign, in_season


def current() -> Campaign | None:
    """Today's campaign while the season runs, else None. No database query."""
    config = current_app.config
    today = clock.today_local()
    if not in_season(today, config.get("HARI_IBU_SEASON_START", "12-01"),
                     config.get("HARI_IBU_DATE", "12-22")):
        return None
    return campaign(today, config.get("HARI_IBU_DATE", "12-22"),
                    int(config.get("HARI_IBU_DELIVERY_DAYS", 1)))


def install(app: Flask) -> None:
    app.context_processor(lambda: {"hari_ibu_season": current()})
