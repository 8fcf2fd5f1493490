"""The clock process schedules release-expired and the buyer-data purge, in every deployment."""
from pathlib import Path

from rq import cron

from storefront.payments import rq_cron

ROOT = Path(__file__).resolve().parents[2]


def test_clock_schedules_both_jobs():
    names = {name for name, _target, _when in rq_cron.SCHEDULE}
    assert names == {"release-expired", "purge-buyer-data"}
    registered = {job["name"]: job for job in cron._job_data_registry}
    assert registered["release-expired"]["interval"] == 300
    assert registered["purge-buyer-data"]["cron"] == "30 2 * * *"
    assert registered["purge-buyer-data"]["args"][0] == "storefront.privacy.jobs:purge_buyer_data"


def test_procfile_and_container_run_the_clock():
    procfile = (ROOT / "Procfile").read_text()
    assert "clock: rq cron storefront.payments.rq_cron" in procfile
    assert "rq cron storefront.payments.rq_cron" in (ROOT / "Dockerfile").read_text()


def test_purge_job_commits(app, make_order):
    from storefront.privacy.jobs import purge_buyer_data

    make_order()
    assert purge_buyer_data() == 0
