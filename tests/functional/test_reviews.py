"""Verified reviews: only from a handed-over order, once per line, through the tracking link."""
import json
import re

import pytest
import sqlalchemy as sa

from storefront.accounts.models import Role
from storefront.audit.models import AuditEntry
from storefront.domain.order_states import SellerOrderStatus
from storefront.extensions import db
from storefront.notifications.models import Notification
from storefront.orders import services as order_services
from storefront.reviews.models import Review

TOO_LONG = "Tulisan Anda terlalu panjang"
NO_CODE = "tanpa kode HTML"
PICK_STARS = "Pilih 1 sampai 5 bintang."


@pytest.fixture
def shop(make_shop):
    return make_shop(name="Dapur Mama Yuli")


@pytest.fixture
def sambal(make_product, shop):
    return make_product(shop=shop, name="Sambal Lu'at", price=25000, stock=100)


@pytest.fixture
def done(complete_order, sambal):
    """A guest's handed-over order of one sambal."""
    order = complete_order({sambal: 2}, name="Ibu Maria Goreti Tefa")
    db.session.commit()
    return order


def _line(order):
    return order.parts[0].lines[0]


def _url(order, line=None):
    return f"/pesanan/{order.token}/ulasan/{(line or _line(order)).id}"


def _reviews() -> list[Review]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(Review).order_by(Review.id)))


def _json_ld(html: str) -> dict:
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(found.group(1))


def test_a_guest_reviews_from_her_tracking_page(client, done, sambal, shop):
    track = client.get(f"/pesanan/{done.token}").get_data(as_text=True)
    assert f'href="{_url(done)}"' in track and "Beri ulasan Sambal Lu&#39;at" in track

    form = client.get(_url(done))
    assert form.status_code == 200 and 'name="rating"' in form.get_data(as_text=True)
    response = client.post(_url(done), data={"rating": "4", "text": "  Pedasnya pas, enak!  "})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/pesanan/{done.token}")

    (review,) = _reviews()
    assert (review.rating, review.text, review.author_name) == (4, "Pedasnya pas, enak!", "Maria T.")
    assert (review.product_id, review.shop_id, review.order_line_id) == (sambal.id, shop.id, _line(done).id)
    track = client.get(f"/pesanan/{done.token}").get_data(as_text=True)
    assert "Terima kasih! Ulasan Anda untuk Sambal Lu&#39;at sudah tampil" in track
    assert "Anda sudah memberi ulasan Sambal Lu&#39;at" in track and f'href="{_url(done)}"' not in track

    page = client.get(f"/produk/{sambal.slug}").get_data(as_text=True)
    assert "Pedasnya pas, enak!" in page and "Maria T." in page and "Tefa" not in page
    assert "<strong aria-hidden=\"true\">4,0</strong>" in page and "1 ulasan" in page
    rating = _json_ld(page)["aggregateRating"]
    assert rating == {"@type": "AggregateRating", "ratingValue": 4.0, "reviewCount": 1}
    shop_page = client.get(f"/toko/{shop.slug}").get_data(as_text=True)
    assert "4,0" in shop_page and "1 ulasan" in shop_page
    notes = db.session.scalars(sa.select(Notification).where(Notification.user_id == shop.owner_id))
    assert "Ulasan baru untuk Sambal Lu'at: 4 dari 5 bintang." in [n.text for n in notes]


def test_average_and_count_over_several_buyers(client, complete_order, sambal, shop, make_product):
    other = make_product(shop=shop, name="Kue Rambut")
    for rating, name in ((5, "Ana Lado"), (4, "Bea Riwu"), (2, "Cici")):
        order = complete_order({sambal: 1, other: 1}, name=name)
        db.session.commit()
        assert client.post(_url(order), data={"rating": str(rating)}).status_code == 302
    assert client.post(_url(order, order.parts[0].lines[1]), data={"rating": "1"}).status_code == 302
    page = client.get(f"/produk/{sambal.slug}").get_data(as_text=True)
    assert "3,7" in page and "3 ulasan" in page and "Cici" in page
    assert _json_ld(page)["aggregateRating"] == {"@type": "AggregateRating", "ratingValue": 3.7,
                                                 "reviewCount": 3}
    shop_page = client.get(f"/toko/{shop.slug}").get_data(as_text=True)
    assert "3,0" in shop_page and "4 ulasan" in shop_page  # (5 + 4 + 2 + 1) / 4


def test_no_stars_without_reviews(client, sambal, shop):
    db.session.commit()
    page = client.get(f"/produk/{sambal.slug}").get_data(as_text=True)
    assert "Belum ada ulasan" in page and "aggregateRating" not in page
    assert "ulasan</a>" not in client.get(f"/toko/{shop.slug}").get_data(as_text=True)


@pytest.mark.parametrize("stop_at", [SellerOrderStatus.NEW, SellerOrderStatus.ACCEPTED,
                                     SellerOrderStatus.READY, SellerOrderStatus.CANCELLED])
def test_no_review_before_the_order_is_handed_over(client, place_order, sambal, stop_at):
    order = place_order({sambal: 1})
    part = order.parts[0]
    if stop_at == SellerOrderStatus.CANCELLED:
        order_services.cancel(part, part.shop.owner, "Habis", by_staff=False)
    else:
        for step in (SellerOrderStatus.ACCEPTED, SellerOrderStatus.READY):
            if part.status == stop_at:
                break
            order_services.seller_move(part, step, part.shop.owner)
    db.session.commit()
    assert part.status == stop_at
    assert "ulasan/" not in client.get(f"/pesanan/{order.token}").get_data(as_text=True)
    for method in ("GET", "POST"):
        response = client.open(_url(order), method=method, data={"rating": "5", "text": "Bagus"})
        assert response.status_code == 302
        page = client.get(response.headers["Location"]).get_data(as_text=True)
        assert "setelah penjual menyerahkan pesanan Anda" in page
    assert _reviews() == []


def test_second_review_of_the_same_line_and_a_replayed_form_are_refused(client, done):
    form = {"rating": "5", "text": "Mantap"}
    assert client.post(_url(done), data=form).status_code == 302
    replay = client.post(_url(done), data={"rating": "1", "text": "Ganti pendapat"},
                         follow_redirects=True)
    assert replay.status_code == 200
    assert "Anda sudah memberi ulasan untuk produk ini dari pesanan ini" in replay.get_data(as_text=True)
    again = client.get(_url(done), follow_redirects=True)
    assert "Anda sudah memberi ulasan untuk produk ini" in again.get_data(as_text=True)
    assert [(r.rating, r.text) for r in _reviews()] == [(5, "Mantap")]


def test_the_database_keeps_one_review_per_line(app, done, make_review):
    make_review(_line(done))
    db.session.commit()
    with pytest.raises(sa.exc.IntegrityError):
        make_review(_line(done), rating=1)
    db.session.rollback()
    assert len(_reviews()) == 1


def test_a_review_cannot_be_bent_to_a_product_that_was_not_bought(client, done, sambal,
                                                                  make_product):
    not_bought = make_product(name="Tenun Ikat")
    db.session.commit()
    response = client.post(_url(done), data={"rating": "1", "product_id": str(not_bought.id),
                                              "text": "x"})
    assert response.status_code == 302
    assert [r.product_id for r in _reviews()] == [sambal.id]
    assert "Belum ada ulasan" in client.get(f"/produk/{not_bought.slug}").get_data(as_text=True)
    # nor a line id that belongs to no line of this order
    assert client.get(f"/pesanan/{done.token}/ulasan/999999").status_code == 404


def test_another_buyers_tracking_link_is_refused(client, login, complete_order, sambal, make_user):
    maria, yuni = make_user(Role.BUYER, name="Maria Tefa"), make_user(Role.BUYER, name="Yuni Ndun")
    hers = complete_order({sambal: 1}, user=maria, name="Maria Tefa")
    mine = complete_order({sambal: 1}, user=yuni, name="Yuni Ndun")
    db.session.commit()
    # her line through my link, my line through her link: neither exists
    crossed = client.post(f"/pesanan/{mine.token}/ulasan/{_line(hers).id}", data={"rating": "1"})
    assert crossed.status_code == 404
    assert client.get(f"/pesanan/{hers.token}/ulasan/{_line(mine).id}").status_code == 404
    # logged in as Yuni, Maria's own link is not hers to use
    login(yuni)
    assert client.get(_url(hers)).status_code == 404
    assert client.post(_url(hers), data={"rating": "1"}).status_code == 404
    assert _reviews() == []
    # but her own works, logged in or not
    assert client.post(_url(mine), data={"rating": "5"}).status_code == 302
    assert [r.order_line_id for r in _reviews()] == [_line(mine).id]


@pytest.mark.parametrize("who", ["seller", "other_seller", "staff"])
def test_sellers_and_staff_cannot_review(client, login, done, shop, make_shop, make_user, who):
    users = {"seller": shop.owner, "other_seller": make_shop().owner, "staff": make_user(Role.STAFF)}
    login(users[who])
    assert client.get(_url(done)).status_code == 403
    assert client.post(_url(done), data={"rating": "5", "text": "Produk saya bagus"}).status_code == 403
    assert _reviews() == []


@pytest.mark.parametrize("rating", ["0", "6", "-1", "abc", "", "3.5", "99999999999999999999",
                                    "<script>"])
def test_out_of_range_ratings_get_a_clear_message(client, done, rating):
    response = client.post(_url(done), data={"rating": rating, "text": "Enak"})
    assert response.status_code == 400
    assert PICK_STARS in response.get_data(as_text=True)
    assert _reviews() == []


def test_a_missing_rating_gets_a_clear_message(client, done):
    response = client.post(_url(done), data={"text": "Enak"})
    assert response.status_code == 400 and PICK_STARS in response.get_data(as_text=True)


def test_text_over_2000_characters_gets_a_clear_message(client, done):
    response = client.post(_url(done), data={"rating": "5", "text": "a" * 2001})
    assert response.status_code == 400
    assert f"{TOO_LONG}. Persingkat menjadi paling banyak 2.000 huruf." in response.get_data(as_text=True)
    assert _reviews() == []
    assert client.post(_url(done), data={"rating": "5", "text": "b" * 2000}).status_code == 302
    assert len(_reviews()[0].text) == 2000


def test_script_in_the_text_gets_a_clear_message_and_is_echoed_escaped(client, done):
    attack = '<script>alert("x")</script>'
    response = client.post(_url(done), data={"rating": "5", "text": attack})
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and NO_CODE in html
    assert "<script>alert" not in html and "&lt;script&gt;alert(&#34;x&#34;)" in html
    assert _reviews() == []
    fine = client.post(_url(done), data={"rating": "5", "text": "Enak <3, harga 5 > 3"})
    assert fine.status_code == 302 and _reviews()[0].text == "Enak <3, harga 5 > 3"


def test_review_text_and_reply_are_escaped_everywhere(client, login, done, sambal, shop,
                                                      make_review, make_staff):
    """Even a stored text that slipped past the rules is only ever shown as text."""
    attack = '"><img src=x onerror=alert(1)><script>alert(2)</script>'
    make_review(_line(done), text=attack, reply=attack, author_name='<b>Eve</b>')
    staff = make_staff()
    db.session.commit()
    pages = {"product": f"/produk/{sambal.slug}", "track": f"/pesanan/{done.token}"}
    for name, path in pages.items():
        html = client.get(path).get_data(as_text=True)
        assert "<img src=x" not in html and "<script>alert" not in html and "<b>Eve" not in html, name
    assert "&lt;img src=x onerror=alert(1)&gt;" in client.get(pages["product"]).get_data(as_text=True)
    for user, path in ((shop.owner, "/penjual/ulasan/"), (staff, "/staf/ulasan/")):
        login(user)
        html = client.get(path).get_data(as_text=True)
        assert "&lt;img src=x onerror=alert(1)&gt;" in html, path
        assert "<img src=x" not in html and "<script>alert" not in html and "<b>Eve" not in html, path


def test_the_seller_replies_once(client, login, done, sambal, shop, make_review):
    review = make_review(_line(done))
    db.session.commit()
    login(shop.owner)
    page = client.get("/penjual/ulasan/").get_data(as_text=True)
    assert "Sambal Lu&#39;at" in page and "Enak sekali." in page and "Kirim balasan" in page
    assert client.post(f"/penjual/ulasan/{review.id}/balas",
                       data={"reply": "Terima kasih, Mama!"}).status_code == 302
    again = client.post(f"/penjual/ulasan/{review.id}/balas", data={"reply": "Kedua"},
                        follow_redirects=True).get_data(as_text=True)
    assert "Ibu sudah membalas ulasan ini" in again
    assert [r.reply for r in _reviews()] == ["Terima kasih, Mama!"]
    product_page = client.get(f"/produk/{sambal.slug}").get_data(as_text=True)
    assert "Balasan penjual:" in product_page and "Terima kasih, Mama!" in product_page


@pytest.mark.parametrize(("reply", "message"), [
    ("", "Silakan tulis sesuatu dulu."),
    ("   ", "Silakan tulis sesuatu dulu."),
    ("<script>alert(1)</script>", NO_CODE),
    ("x" * 1001, "paling banyak 1.000 huruf"),
])
def test_a_bad_reply_gets_a_clear_message(client, login, done, shop, make_review, reply, message):
    review = make_review(_line(done))
    db.session.commit()
    login(shop.owner)
    response = client.post(f"/penjual/ulasan/{review.id}/balas", data={"reply": reply},
                           follow_redirects=True)
    assert response.status_code == 200 and message in response.get_data(as_text=True)
    assert _reviews()[0].replied_at is None


def test_a_seller_cannot_reply_to_another_shops_review(client, login, done, make_shop,
                                                       make_review):
    review = make_review(_line(done))
    other = make_shop()
    db.session.commit()
    login(other.owner)
    assert client.post(f"/penjual/ulasan/{review.id}/balas", data={"reply": "Hai"}).status_code == 404
    assert "Enak sekali." not in client.get("/penjual/ulasan/").get_data(as_text=True)
    assert _reviews()[0].reply == ""


def test_staff_hide_a_review_with_a_reason(client, login, complete_order, sambal, shop,
                                           make_review, make_staff):
    kept = make_review(_line(complete_order({sambal: 1})), rating=5, text="Enak")
    hidden = make_review(_line(complete_order({sambal: 1})), rating=1, text="Nomor HP penjual 0812")
    staff = make_staff()
    db.session.commit()
    login(staff)
    assert "Nomor HP penjual 0812" in client.get("/staf/ulasan/").get_data(as_text=True)
    refused = client.post(f"/staf/ulasan/{hidden.id}/sembunyikan", data={"reason": " "},
                          follow_redirects=True)
    assert "Silakan tulis sesuatu dulu." in refused.get_data(as_text=True)
    assert client.post(f"/staf/ulasan/{hidden.id}/sembunyikan",
                       data={"reason": "Berisi data pribadi"}).status_code == 302
    assert client.post(f"/staf/ulasan/{hidden.id}/sembunyikan",
                       data={"reason": "Lagi"}).status_code == 302  # a repeat changes nothing
    entries = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "review.hide")).all()
    assert [(e.actor_id, e.shop_id, e.product_id, e.subject, e.reason) for e in entries] == [
        (staff.id, shop.id, sambal.id, f"review:{hidden.id}", "Berisi data pribadi")]
    audit_page = client.get(f"/staf/audit?shop={shop.id}").get_data(as_text=True)
    assert "Ulasan disembunyikan" in audit_page and "Berisi data pribadi" in audit_page

    page = client.get(f"/produk/{sambal.slug}").get_data(as_text=True)
    assert "Nomor HP penjual" not in page and "Enak" in page and "1 ulasan" in page
    assert _json_ld(page)["aggregateRating"]["ratingValue"] == 5.0
    login(shop.owner)
    seller_page = client.get("/penjual/ulasan/").get_data(as_text=True)
    assert "Disembunyikan oleh staf program. Alasan: Berisi data pribadi" in seller_page
    assert kept.hidden_at is None


def test_product_page_queries_do_not_grow_with_reviews(client, count_queries, complete_order,
                                                       sambal, shop, make_review, make_product):
    def count(path):
        with count_queries() as n:
            assert client.get(path).status_code == 200
        return n()

    make_review(_line(complete_order({sambal: 1})), rating=4)
    db.session.commit()
    few = {"product": count(f"/produk/{sambal.slug}"), "shop": count(f"/toko/{shop.slug}")}
    for n in range(30):
        make_review(_line(complete_order({sambal: 1}, name=f"Pembeli {n} Lado")), rating=n % 5 + 1,
                    reply="Terima kasih")
    db.session.commit()
    many = {"product": count(f"/produk/{sambal.slug}"), "shop": count(f"/toko/{shop.slug}")}
    assert few == many and many["shop"] <= 6, many
    assert client.get(f"/produk/{sambal.slug}").get_data(as_text=True).count('class="review"') == 10
