"""Bulk demo-like catalog data for benchmarks (no photos are decoded: rows only)."""
from __future__ import annotations

import random

import sqlalchemy as sa

from storefront.catalog.search_index import search_text
from storefront.curation.models import Collection, collection_items
from storefront.extensions import db
from storefront.models import Category, Product, ProductPhoto, Role, Shop, User

#: Product words buyers search for, and a larger filler vocabulary, so that a search
#: matches a realistic share of the catalog rather than nearly all of it.
WORDS = ["kue", "sambal", "tenun", "lontar", "kopi", "keripik", "selendang", "gula", "jagung", "se'i",
         "bolu", "abon", "teh", "sirup", "tas", "dompet", "topi", "keranjang", "kacang", "dodol"]
FILLER = [f"{a}{b}" for a in ("ma", "ka", "la", "sa", "ta", "na", "ra", "ba", "pa", "da")
          for b in ("nis", "rum", "lap", "dik", "mur", "tan", "gol", "pes", "ruk", "wan",
                    "sal", "lot", "kib", "rap", "nug", "dat", "sim", "bor", "lem", "hut")]


def categories_and_shops(shops: int, areas: tuple[str, ...] = ("Oebobo",)) -> None:
    """The five bench categories and ``shops`` active shops, their areas taken in turn."""
    for n, (slug, kind) in enumerate([("makanan", "food"), ("kue", "food"), ("minuman", "food"),
                                      ("tenun", "craft"), ("lontar", "craft")]):
        db.session.add(Category(slug=slug, name_id=slug.title(), name_en=slug.title(), kind=kind,
                                position=n))
    for n in range(shops):
        user = User(name=f"Penjual {n}", role=Role.SELLER, phone=f"+62812990{n:05d}")
        db.session.add(user)
        db.session.flush()
        db.session.add(Shop(owner_id=user.id, slug=f"toko-{n}", name=f"Toko Mama {n}",
                            area=areas[n % len(areas)]))
    db.session.flush()


def fill(products: int, shops: int = 50, seed: int = 7) -> None:
    """Add ``products`` approved products spread over ``shops`` active shops in 5 categories."""
    rng = random.Random(seed)
    existing = db.session.scalar(sa.select(sa.func.count()).select_from(Product)) or 0
    if not db.session.scalar(sa.select(sa.func.count()).select_from(Category)):
        categories_and_shops(shops)
    category_ids = list(db.session.scalars(sa.select(Category.id)))
    shops_by_id = {shop_id: name for shop_id, name in db.session.execute(sa.select(Shop.id, Shop.name))}
    shop_ids = list(shops_by_id)
    batch = []
    for n in range(existing, existing + products):
        name = f"{' '.join(rng.sample(WORDS, 3)).title()} {n}"
        description = " ".join(rng.choices(WORDS + FILLER, k=25))
        shop_id = rng.choice(shop_ids)
        batch.append({"shop_id": shop_id, "category_id": rng.choice(category_ids),
                      "slug": f"produk-{n}", "name": name, "description": description,
                      "search_text": search_text(name, description, shops_by_id[shop_id]),
                      "price": rng.randrange(10, 500) * 1000,
                      "made_to_order": False, "stock": rng.randrange(0, 50), "status": "approved",
                      "featured": n % 50 == 0, "halal_status": "certified"})
        if len(batch) == 5000:
            _flush(batch)
            batch = []
    if batch:
        _flush(batch)
    db.session.commit()
    if db.engine.dialect.name == "postgresql":
        # planner statistics, as autovacuum would gather them in production after a bulk load
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(sa.text("ANALYZE"))


def fill_collection(slug: str, size: int) -> None:
    """A collection of every 7th product, up to ``size`` (the Hari Ibu page shows it)."""
    collection = Collection(slug=slug, name="Hadiah Hari Ibu", banner="Untuk Mama.")
    db.session.add(collection)
    db.session.flush()
    ids = db.session.scalars(sa.select(Product.id).order_by(Product.id).limit(size * 7)).all()[::7]
    db.session.execute(sa.insert(collection_items),
                       [{"collection_id": collection.id, "product_id": pid} for pid in ids[:size]])
    db.session.commit()


def _flush(batch: list[dict]) -> None:
    ids = db.session.scalars(sa.insert(Product).returning(Product.id), batch).all()
    db.session.execute(sa.insert(ProductPhoto), [
        {"product_id": pid, "key": "products/bench", "position": 0, "width": 900, "height": 900}
        for pid in ids])
