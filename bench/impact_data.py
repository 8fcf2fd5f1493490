"""A bulk history of completed orders with their ledger entries, for the impact benchmark
and the query-count test: rows are inserted in batches, no service is called."""
from __future__ import annotations

import random
from datetime import datetime, timedelta

import sqlalchemy as sa

from storefront import clock
from storefront.extensions import db
from storefront.models import (
    Category,
    LedgerEntry,
    Order,
    OrderLine,
    Product,
    Role,
    SellerOrder,
    Shop,
    User,
)

BATCH = 2000


def bulk_history(sellers: int, orders: int, *, months: int = 6, seed: int = 11,
                 prefix: str = "impact") -> list[int]:
    """Add ``sellers`` shops and ``orders`` completed orders spread over the last ``months``
    months (one seller order each, with its sale, 5% commission, and a refund on every 20th).
    Returns the new shop ids."""
    rng = random.Random(seed)
    now = clock.now()
    category = Category(slug=f"{prefix}-kue", name_id="Kue", name_en="Cakes", kind="food", position=99)
    db.session.add(category)
    shops, products = [], []
    known = db.session.scalar(sa.select(sa.func.count()).select_from(User)) or 0
    for n in range(sellers):
        user = User(name=f"{prefix} {n}", role=Role.SELLER, phone=f"+628129{known + n:07d}")
        db.session.add(user)
        db.session.flush()
        shop = Shop(owner_id=user.id, slug=f"{prefix}-toko-{n}", name=f"Toko {prefix} {n}",
                    area="Oebobo", created_at=now - timedelta(days=30 * months + 5),
                    story_public=n % 2 == 0)
        db.session.add(shop)
        db.session.flush()
        product = Product(shop_id=shop.id, category_id=category.id, slug=f"{prefix}-produk-{n}",
                          name=f"Kue {n}", price=25_000, stock=10, status="approved",
                          approved_at=now - timedelta(days=30 * months))
        db.session.add(product)
        db.session.flush()
        shops.append(shop.id)
        products.append(product.id)
    _add_orders(rng, now, months, shops, products, orders, prefix)
    return shops


def more_orders(orders: int, *, shop_prefix: str, prefix: str, months: int = 6, seed: int = 12) -> None:
    """Add ``orders`` more completed orders to the shops made with ``shop_prefix``."""
    rows = db.session.execute(
        sa.select(Shop.id, sa.func.min(Product.id)).join(Product, Product.shop_id == Shop.id)
        .where(Shop.slug.like(f"{shop_prefix}-toko-%")).group_by(Shop.id).order_by(Shop.id)).all()
    _add_orders(random.Random(seed), clock.now(), months, [r[0] for r in rows], [r[1] for r in rows],
                orders, prefix)


def _add_orders(rng, now, months, shops, products, orders, prefix) -> None:
    done = 0
    while done < orders:
        count = min(BATCH, orders - done)
        _batch(rng, now, months, shops, products, done, count, prefix)
        done += count
    db.session.commit()


def _batch(rng, now: datetime, months: int, shops, products, start: int, count: int, prefix: str):
    rows = []
    for n in range(start, start + count):
        pick = n % len(shops)
        quantity = rng.randint(1, 4)
        when = now - timedelta(minutes=rng.randrange(1, months * 30 * 24 * 60 - 60 * 24))
        rows.append((pick, quantity, when, f"+62813{rng.randrange(0, max(10, count // 3)):07d}"))
    order_ids = db.session.scalars(sa.insert(Order).returning(Order.id, sort_by_parameter_order=True), [
        {"number": f"{prefix}-{n}", "buyer_name": "Pembeli", "buyer_phone": phone,
         "payment_method": "cash", "total": 25_000 * qty, "created_at": when - timedelta(days=1)}
        for n, (pick, qty, when, phone) in zip(range(start, start + count), rows, strict=True)]).all()
    part_ids = db.session.scalars(
        sa.insert(SellerOrder).returning(SellerOrder.id, sort_by_parameter_order=True), [
            {"order_id": oid, "shop_id": shops[pick], "status": "completed", "fulfilment": "pickup",
             "subtotal": 25_000 * qty, "total": 25_000 * qty, "created_at": when - timedelta(days=1),
             "updated_at": when}
            for oid, (pick, qty, when, _phone) in zip(order_ids, rows, strict=True)]).all()
    db.session.execute(sa.insert(OrderLine), [
        {"seller_order_id": pid, "product_id": products[pick], "product_name": f"Kue {pick}",
         "shop_name": f"Toko {prefix} {pick}", "unit_price": 25_000, "quantity": qty}
        for pid, (pick, qty, _when, _phone) in zip(part_ids, rows, strict=True)])
    entries = []
    for n, (pid, (pick, qty, when, _phone)) in enumerate(zip(part_ids, rows, strict=True)):
        amount = 25_000 * qty
        entries.append({"shop_id": shops[pick], "kind": "sale", "amount": amount,
                        "seller_order_id": pid, "created_at": when, "note": ""})
        entries.append({"shop_id": shops[pick], "kind": "commission", "amount": -(amount // 20),
                        "seller_order_id": pid, "created_at": when, "note": "5%"})
        if n % 20 == 0:
            entries.append({"shop_id": shops[pick], "kind": "refund", "amount": -25_000,
                            "seller_order_id": pid, "created_at": when + timedelta(minutes=30),
                            "note": ""})
    db.session.execute(sa.insert(LedgerEntry), entries)
