"""``flask money check``: the money and stock invariants as SQL against a live database.

Each check is a query that returns the rows breaking one rule; an empty result means the
rule holds. Ops run it after an incident; the hypothesis model of the order life checks
the same rules after every step.
"""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from storefront.extensions import db

#: The payment of an order: its latest attempt.
_LATEST = ("SELECT p.* FROM payments p WHERE p.attempt = "
           "(SELECT MAX(q.attempt) FROM payments q WHERE q.order_id = p.order_id)")


@dataclass(frozen=True)
class Check:
    #: a short name, printed with the breaking rows
    name: str
    #: what must hold, in words
    rule: str
    #: a query returning the rows that break it
    sql: str


CHECKS: tuple[Check, ...] = (
    Check("paid_cancel_without_refund",
          "every paid-then-cancelled part has exactly one refund obligation",
          f"SELECT so.id AS seller_order_id, so.order_id, so.total FROM seller_orders so "
          f"JOIN ({_LATEST}) pay ON pay.order_id = so.order_id "
          f"WHERE so.status = 'cancelled' AND NOT EXISTS (SELECT 1 FROM refund_obligations ro "
          f"WHERE ro.seller_order_id = so.id) AND ("
          f"(pay.method <> 'cash' AND pay.status IN ('paid', 'needs_refund', 'refunded')) "
          f"OR (pay.method = 'cash' AND so.cash_held_by IS NOT NULL))"),
    Check("payment_amount_off",
          "a settled payment's amount equals its live parts plus the refunds owed or made",
          f"SELECT pay.id AS payment_id, pay.amount, "
          f"(SELECT COALESCE(SUM(so.total), 0) FROM seller_orders so WHERE so.order_id = "
          f"pay.order_id AND so.status <> 'cancelled') AS live, "
          f"(SELECT COALESCE(SUM(ro.amount), 0) FROM refund_obligations ro "
          f"WHERE ro.payment_id = pay.id) AS owed FROM ({_LATEST}) pay "
          f"WHERE pay.status IN ('paid', 'needs_refund', 'refunded') AND pay.amount <> "
          f"(SELECT COALESCE(SUM(so.total), 0) FROM seller_orders so WHERE so.order_id = "
          f"pay.order_id AND so.status <> 'cancelled') + "
          f"(SELECT COALESCE(SUM(ro.amount), 0) FROM refund_obligations ro "
          f"WHERE ro.payment_id = pay.id)"),
    Check("capacity_off",
          "capacity bookings equal the live made-to-order lines",
          "SELECT cb.product_id, cb.day, cb.booked, COALESCE((SELECT SUM(ol.quantity) "
          "FROM order_lines ol JOIN seller_orders so ON so.id = ol.seller_order_id "
          "WHERE ol.product_id = cb.product_id AND ol.made_to_order AND so.wanted_date = cb.day "
          "AND so.status <> 'cancelled'), 0) AS live FROM capacity_bookings cb "
          "WHERE cb.booked <> COALESCE((SELECT SUM(ol.quantity) FROM order_lines ol "
          "JOIN seller_orders so ON so.id = ol.seller_order_id WHERE ol.product_id = "
          "cb.product_id AND ol.made_to_order AND so.wanted_date = cb.day "
          "AND so.status <> 'cancelled'), 0)"),
    Check("point_part_without_code",
          "no pickup-point part is completed without a handover by code",
          "SELECT pp.seller_order_id FROM pickup_parcels pp JOIN seller_orders so "
          "ON so.id = pp.seller_order_id WHERE so.status = 'completed' "
          "AND pp.handed_over_at IS NULL"),
    Check("completed_without_sale",
          "every completed part has its sale in the ledger",
          "SELECT so.id AS seller_order_id FROM seller_orders so WHERE so.status = 'completed' "
          "AND NOT EXISTS (SELECT 1 FROM ledger_entries le WHERE le.seller_order_id = so.id "
          "AND le.kind = 'sale')"),
    Check("cancelled_sale_kept",
          "a cancelled part's sale and commission left the seller's ledger",
          "SELECT le.seller_order_id, SUM(le.amount) AS left_in_ledger FROM ledger_entries le "
          "JOIN seller_orders so ON so.id = le.seller_order_id WHERE so.status = 'cancelled' "
          "AND le.kind IN ('sale', 'commission', 'refund') GROUP BY le.seller_order_id "
          "HAVING SUM(le.amount) <> 0"),
    Check("moved_twice",
          "no part moves twice into the same status",
          "SELECT seller_order_id, to_status, COUNT(*) AS times FROM seller_order_events "
          "GROUP BY seller_order_id, to_status HAVING COUNT(*) > 1"),
    Check("obligation_on_live_part",
          "refund obligations belong to cancelled parts",
          "SELECT ro.id AS obligation_id, so.status FROM refund_obligations ro "
          "JOIN seller_orders so ON so.id = ro.seller_order_id WHERE so.status <> 'cancelled'"),
    Check("refund_not_in_ledger_of_payment",
          "a payment's refunded amount equals its refund rows",
          "SELECT p.id AS payment_id, p.refunded_amount FROM payments p WHERE p.refunded_amount "
          "<> (SELECT COALESCE(SUM(r.amount), 0) FROM payment_refunds r WHERE r.payment_id = p.id)"),
)


def run() -> list[tuple[Check, list[dict]]]:
    """Every check with the rows that break it (empty lists when all is well)."""
    found = []
    for check in CHECKS:
        rows = [dict(row._mapping) for row in db.session.execute(sa.text(check.sql))]
        found.append((check, rows))
    return found
