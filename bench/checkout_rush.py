"""Benchmark 2: the checkout rush. 200 buyers at once against 2 gunicorn processes on PostgreSQL.

Method: a fresh PostgreSQL database with one approved product holding STOCK units; gunicorn
with 2 workers (gthread, 4 threads each); 200 client threads start together, each going
through the real pages (product page, add to cart, checkout form, place order) with its own
cookies. Reports the p50/p95 latency of placing the order, orders per second over the whole
rush, and the oversold count (orders beyond the stock, or stock below zero): it must be 0.
"""
from __future__ import annotations

import os

import sqlalchemy as sa

from bench.common import PG_BENCH, app_for, fresh_database, gunicorn, machine, say
from bench.rush import rush
from storefront.extensions import db
from storefront.models import Category, Order, Product, Role, Shop, User

BUYERS = int(os.environ.get("BENCH_BUYERS", "200"))
STOCK = int(os.environ.get("BENCH_STOCK", "150"))


def seed_one_product(app, stock: int) -> tuple[str, int]:
    with app.app_context():
        category = Category(slug="kue", name_id="Kue", name_en="Cakes", kind="food")
        owner = User(name="Mama Rush", role=Role.SELLER, phone="+6281299990001")
        db.session.add_all([category, owner])
        db.session.flush()
        shop = Shop(owner_id=owner.id, slug="toko-rush", name="Toko Rush", area="Oebobo")
        db.session.add(shop)
        db.session.flush()
        product = Product(shop_id=shop.id, category_id=category.id, slug="kue-rush", name="Kue Rush",
                          price=25000, stock=stock, status="approved", halal_status="certified")
        db.session.add(product)
        db.session.commit()
        return product.slug, product.id


def sold_and_stock(app, product_id: int) -> tuple[int, int, int]:
    from storefront.orders.models import OrderLine

    with app.app_context():
        sold = db.session.scalar(sa.select(sa.func.coalesce(sa.func.sum(OrderLine.quantity), 0))
                                 .where(OrderLine.product_id == product_id))
        stock = db.session.scalar(sa.select(Product.stock).where(Product.id == product_id))
        orders = db.session.scalar(sa.select(sa.func.count()).select_from(Order))
        return int(sold), int(stock), int(orders)


def main() -> dict:
    url = fresh_database(PG_BENCH)
    app = app_for(url)
    slug, product_id = seed_one_product(app, STOCK)
    with gunicorn(url, workers=2) as (base, _process):
        result = rush(base, slug, product_id, BUYERS)
    sold, stock, orders = sold_and_stock(app, product_id)
    oversold = max(0, sold - STOCK) + max(0, -stock)
    say(f"checkout rush: {BUYERS} buyers at once, {STOCK} in stock, PostgreSQL, gunicorn 2 workers; "
        f"{machine()}")
    say(f"placed {result.ordered}, refused as sold out {result.refused}, errors {len(result.errors)}")
    say(f"place-order latency p50 {result.p(50):.0f} ms, p95 {result.p(95):.0f} ms; "
        f"{result.ordered / result.seconds:.1f} orders/s over {result.seconds:.1f} s")
    say(f"sold {sold}, stock left {stock}, stock + sold = {stock + sold} (initial {STOCK}), "
        f"orders in the database {orders}, oversold {oversold}")
    return {"result": result, "sold": sold, "stock": stock, "oversold": oversold}


if __name__ == "__main__":
    main()
