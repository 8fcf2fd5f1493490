"""The expiry job as RQ runs it: through ``run_job``, and registered for ``rq cron``."""
import importlib
from datetime import timedelta

from rq import cron

from storefront import clock
from storefront.domain.payment_states import PaymentStatus
from storefront.extensions import db
from storefront.payments.models import Payment, PaymentMethod
from storefront.queue import run_job


def test_rq_cron_config_registers_the_job_every_five_minutes():
    config = importlib.import_module("storefront.payments.rq_cron")
    cron._job_data_registry.clear()  # what ``rq cron`` does before loading a config
    importlib.reload(config)
    [job] = [j for j in cron._job_data_registry if j.get("name") == "release-expired"]
    assert job["func"] is run_job and job["queue_name"] == "pasar-ibu"
    assert job["args"] == ("storefront.payments.jobs:release_expired", ())
    assert job["interval"] == 300


def test_run_job_releases_an_expired_transfer(app, make_payment, heard):
    payment = make_payment(method=PaymentMethod.BANK_TRANSFER,
                           expires_at=clock.now() - timedelta(minutes=1))
    db.session.commit()
    run_job("storefront.payments.jobs:release_expired", ())
    db.session.rollback()
    assert db.session.get(Payment, payment.id).status == PaymentStatus.EXPIRED
    assert heard == [("expired", payment.order_id)]
