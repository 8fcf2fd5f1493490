import sqlalchemy as sa

from storefront.catalog.models import CategoryKind, Product
from storefront.demo.seed import seed_demo
from storefront.extensions import db
from storefront.models import Category, ProductPhoto, Shop, User
from storefront.shops.models import ShopStatus


def _counts():
    return {model.__name__: db.session.scalar(sa.select(sa.func.count()).select_from(model))
            for model in (User, Shop, Category, Product, ProductPhoto)}


def test_seed_demo_is_believable_and_idempotent(app):
    assert seed_demo() is True
    db.session.commit()
    first = _counts()
    assert first["Shop"] == 7
    assert 35 <= first["Product"] <= 50
    assert first["ProductPhoto"] == first["Product"]
    kinds = set(db.session.scalars(sa.select(Category.kind)))
    assert kinds == {CategoryKind.FOOD, CategoryKind.CRAFT}
    food = db.session.scalars(sa.select(Product).join(Category).where(Category.kind == "food")).all()
    assert all(p.shelf_life_days and (p.pirt_number or p.pirt_in_process) for p in food)
    assert all(s.status == ShopStatus.ACTIVE for s in db.session.scalars(sa.select(Shop)))

    assert seed_demo() is False
    db.session.commit()
    assert _counts() == first


def test_seed_demo_command_if_empty(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["seed-demo", "--if-empty"])
    assert "Demo data loaded." in result.output
    result = runner.invoke(args=["seed-demo", "--if-empty"])
    assert "already has shops" in result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Shop)) == 7
def test_seed_demo_gives_city_sellers_delivery_fees_once(app):
    from storefront.delivery.models import DeliveryFee
    from storefront.domain.areas import KOTA_KUPANG

    seed_demo()
    db.session.commit()
    rows = db.session.scalars(sa.select(DeliveryFee)).all()
    city_shops = db.session.scalars(sa.select(Shop.id).where(Shop.area.in_(KOTA_KUPANG))).all()
    assert city_shops and {r.shop_id for r in rows} == set(city_shops)
    assert all(r.fee > 0 and r.area in KOTA_KUPANG for r in rows)
    seed_demo()
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(DeliveryFee)) == len(rows)
