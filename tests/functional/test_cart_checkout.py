"""The cart and checkout pages, as a guest and as a logged-in buyer."""
import pytest
import sqlalchemy as sa

from storefront.accounts.models import Role
from storefront.extensions import db
from storefront.models import CartItem, Order, Product

#: money: totals and stock at checkout; see tests/conftest.py
pytestmark = pytest.mark.both_databases


def add(client, product, quantity="1"):
    return client.post("/keranjang/tambah", data={"product_id": str(product.id),
                                                  "quantity": quantity})


def checkout(client, **extra):
    data = {"name": "Ibu Maria", "phone": "0813 9999 0000", "email": "", "address": "",
            "payment_method": "cash"}
    data.update(extra)
    return client.post("/pesan/", data=data)


def test_guest_cart_groups_by_shop_and_checks_out(client, make_shop, make_product,
                                                  make_delivery_fee):
    a, b = make_shop(name="Dapur Mama A"), make_shop(name="Tenun Mama B")
    sambal = make_product(shop=a, name="Sambal Luat", price=20000, stock=3)
    tenun = make_product(shop=b, name="Selendang", price=300000, stock=1)
    make_delivery_fee(a, "Oebobo", 8000)
    db.session.commit()

    assert add(client, sambal, "2").status_code == 302
    add(client, tenun)
    page = client.get("/keranjang/").get_data(as_text=True)
    assert "Dapur Mama A" in page and "Tenun Mama B" in page
    assert "Rp 40.000" in page and "Rp 340.000" in page
    client.post("/keranjang/ubah", data={"area": "Oebobo", f"mode-{a.id}": "delivery",
                                         f"qty-{sambal.id}": "2"})
    page = client.get("/keranjang/").get_data(as_text=True)
    assert "Rp 348.000" in page

    response = checkout(client, address="")
    assert response.status_code == 200
    assert "alamat" in response.get_data(as_text=True).lower()
    response = checkout(client, address="Jl. El Tari 5")
    assert response.status_code == 302
    order = db.session.scalar(sa.select(Order))
    assert order.total == 348000 and order.buyer_phone == "+6281399990000"
    assert response.headers["Location"].endswith(f"/pesanan/{order.token}/terima-kasih")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert order.number in page and "Selendang" in page
    assert "Rp 0" not in client.get("/keranjang/").get_data(as_text=True)  # cart emptied


@pytest.mark.parametrize("quantity", ["0", "-3", "abc", "1.5", "", "٣"])
def test_bad_quantities_are_refused_with_a_message(client, make_product, quantity):
    product = make_product(stock=5)
    db.session.commit()
    response = add(client, product, quantity)
    assert response.status_code == 302
    page = client.get("/keranjang/").get_data(as_text=True)
    assert "keranjang anda kosong" in page.lower() or "bilangan bulat" in page.lower()
    assert str(product.name) not in page.split("<main")[1].split("</main>")[0] or quantity == ""


def test_huge_quantity_is_capped_by_stock(client, make_product):
    product = make_product(stock=4, price=10000)
    db.session.commit()
    add(client, product, str(10**9))
    page = client.get("/keranjang/").get_data(as_text=True)
    assert 'value="4"' in page and "Rp 40.000" in page
    client.post("/keranjang/ubah", data={f"qty-{product.id}": "99999999999"})
    assert "Rp 40.000" in client.get("/keranjang/").get_data(as_text=True)
    response = client.post("/keranjang/ubah", data={f"qty-{product.id}": "x"})
    assert response.status_code == 302


@pytest.mark.parametrize("product_id", ["abc", "", "-1", "99999999999999"])
def test_tampered_product_ids_get_400(client, product_id):
    response = client.post("/keranjang/tambah", data={"product_id": product_id, "quantity": "1"})
    assert response.status_code == 400


def test_unknown_or_hidden_product_gets_a_message(client, make_product):
    from storefront.domain.listing import ListingStatus

    hidden = make_product(status=ListingStatus.DRAFT)
    db.session.commit()
    for pid in (hidden.id, 987654):
        response = client.post("/keranjang/tambah", data={"product_id": str(pid), "quantity": "1"})
        assert response.status_code == 302
    page = client.get("/keranjang/").get_data(as_text=True)
    assert "tidak bisa dipesan" in page


def test_tampered_price_field_is_ignored(client, make_product):
    product = make_product(price=25000, stock=5)
    db.session.commit()
    client.post("/keranjang/tambah", data={"product_id": str(product.id), "quantity": "2",
                                           "price": "1"})
    response = checkout(client, total="1", price="1")
    assert response.status_code == 302
    assert db.session.scalar(sa.select(Order.total)) == 50000


def test_changed_price_is_shown_before_she_confirms(client, make_product):
    product = make_product(name="Kopi Flores", price=25000, stock=5)
    db.session.commit()
    add(client, product)
    db.session.execute(sa.update(Product).where(Product.id == product.id).values(price=30000))
    db.session.commit()
    page = client.get("/pesan/").get_data(as_text=True)
    assert "Rp 25.000" in page and "Rp 30.000" in page
    response = checkout(client)
    assert response.status_code == 200
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Order)) == 0
    page = response.get_data(as_text=True)
    assert "harga yang berubah" in page.lower() and "Rp 30.000" in page
    response = checkout(client)  # she saw it; now it goes through at the new price
    assert response.status_code == 302
    assert db.session.scalar(sa.select(Order.total)) == 30000


def test_out_of_stock_at_checkout_names_the_line(client, make_product):
    product = make_product(name="Tenun Sotis", stock=2)
    db.session.commit()
    add(client, product, "2")
    # someone else bought one meanwhile
    db.session.execute(sa.update(Product).where(Product.id == product.id).values(stock=1))
    db.session.commit()
    response = checkout(client)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Tenun Sotis: stok tinggal 1, Anda minta 2" in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Order)) == 0
    assert db.session.scalar(sa.select(Product.stock).where(Product.id == product.id)) == 1


def test_checkout_with_empty_cart_redirects(client):
    response = client.get("/pesan/")
    assert response.status_code == 302 and response.headers["Location"].endswith("/keranjang/")


def test_bad_phone_and_date_are_refused(client, make_shop, make_product):
    shop = make_shop()
    kue = make_product(shop=shop, made_to_order=True, lead_days=3, daily_capacity=4)
    db.session.commit()
    add(client, kue)
    response = checkout(client, phone="12")
    assert response.status_code == 200 and "0812 3456 7890" in response.get_data(as_text=True)
    response = checkout(client, **{f"date-{shop.id}": "2000-01-01"})
    assert response.status_code == 200
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Order)) == 0
    response = checkout(client, **{f"date-{shop.id}": "not-a-date"})
    assert response.status_code == 200


def test_guest_cart_merges_into_saved_cart_on_login(client, make_user, make_product, login):
    buyer = make_user(Role.BUYER)
    a, b = make_product(stock=5), make_product(stock=3)
    db.session.add(CartItem(user_id=buyer.id, product_id=b.id, quantity=2, price_seen=b.price))
    db.session.commit()
    add(client, a, "2")
    add(client, b, "2")
    login(buyer)
    rows = {r.product_id: r.quantity for r in db.session.scalars(sa.select(CartItem))}
    assert rows == {a.id: 2, b.id: 3}  # 2 + 2 capped at the 3 in stock
    page = client.get("/keranjang/").get_data(as_text=True)
    assert a.name in page and b.name in page
    response = checkout(client)
    assert response.status_code == 302
    order = db.session.scalar(sa.select(Order))
    assert order.buyer_id == buyer.id
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CartItem)) == 0
    history = client.get("/akun/pesanan").get_data(as_text=True)
    assert order.number in history


def test_shop_on_holiday_cannot_be_added_and_is_refused_at_checkout(client, make_shop,
                                                                   make_product):
    shop = make_shop(name="Dapur Libur")
    product = make_product(shop=shop, stock=5)
    db.session.commit()
    add(client, product)
    shop.on_holiday = True
    db.session.commit()
    response = checkout(client)
    assert response.status_code == 200
    assert "Dapur Libur sedang tidak menerima pesanan" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Order)) == 0
    client.post("/keranjang/ubah", data={f"qty-{product.id}": "0"})
    add(client, product)
    assert "tidak bisa dipesan" in client.get("/keranjang/").get_data(as_text=True)


def test_remove_a_line(client, make_product):
    keep, drop = make_product(name="Tetap Ada", stock=3), make_product(name="Dihapus", stock=3)
    db.session.commit()
    add(client, keep)
    add(client, drop)
    assert client.post("/keranjang/ubah", data={"remove": str(drop.id)}).status_code == 302
    page = client.get("/keranjang/").get_data(as_text=True)
    assert f'name="qty-{keep.id}"' in page and f'name="qty-{drop.id}"' not in page
