"""/penjual/ongkir: a seller sets her fee per kecamatan; the cart offers delivery with it."""
import sqlalchemy as sa

from storefront.extensions import db
from storefront.models import DeliveryFee


def test_seller_sets_fees_and_bad_input_is_refused(client, login, make_shop):
    shop, other = make_shop(), make_shop()
    db.session.add(DeliveryFee(shop_id=other.id, area="Alak", fee=9000))
    db.session.commit()
    login(shop.owner)
    assert client.get("/penjual/ongkir/").status_code == 200
    response = client.post("/penjual/ongkir/", data={"fee-Oebobo": "10.000", "fee-Alak": "0",
                                                    "fee-Maulafa": ""})
    assert response.status_code == 302
    fees = {r.area: r.fee for r in db.session.scalars(
        sa.select(DeliveryFee).where(DeliveryFee.shop_id == shop.id))}
    assert fees == {"Oebobo": 10000, "Alak": 0}
    for bad in ("-5", "abc", "1e9", "99999999999"):
        response = client.post("/penjual/ongkir/", data={"fee-Oebobo": bad})
        assert response.status_code == 200
        assert "misalnya 10.000" in response.get_data(as_text=True)
    client.post("/penjual/ongkir/", data={"fee-Oebobo": "", "fee-Alak": "0"})
    fees = {r.area: r.fee for r in db.session.scalars(
        sa.select(DeliveryFee).where(DeliveryFee.shop_id == shop.id))}
    assert fees == {"Alak": 0}
    # another seller's fees were never touched
    assert db.session.scalar(sa.select(DeliveryFee.fee).where(DeliveryFee.shop_id == other.id)) \
        == 9000


def test_paid_twice_is_harmless(app, make_product, place_order):
    from storefront.domain.order_states import SellerOrderStatus as S
    from storefront.models import Notification, SellerOrderEvent
    from storefront.orders.services import release

    product = make_product()
    db.session.commit()
    order = place_order({product: 1})
    part = order.parts[0]
    assert part.status == S.NEW
    assert release(part, None) is False  # a repeated "paid" changes nothing
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SellerOrderEvent)) == 2
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Notification)) == 1
