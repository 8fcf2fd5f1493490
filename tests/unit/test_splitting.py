"""Cart lines become one draft per shop with subtotal, delivery fee and total."""
import pytest

from storefront.domain.splitting import EmptyCart, InvalidLine, Line, grand_total, split


def line(pid, shop, price, qty):
    return Line(pid, shop, f"Toko {shop}", f"Produk {pid}", price, qty)


def test_three_shops_three_drafts_with_fees():
    drafts = split([line(1, 10, 25000, 2), line(2, 20, 15000, 1), line(3, 10, 5000, 3),
                    line(4, 30, 100000, 1)], {20: 10000})
    assert [d.shop_id for d in drafts] == [10, 20, 30]
    assert [d.subtotal for d in drafts] == [65000, 15000, 100000]
    assert [d.delivery_fee for d in drafts] == [0, 10000, 0]
    assert [d.total for d in drafts] == [65000, 25000, 100000]
    assert grand_total(drafts) == 190000


def test_empty_cart():
    with pytest.raises(EmptyCart):
        split([])


@pytest.mark.parametrize("bad", [line(1, 1, 1000, 0), line(1, 1, 1000, -3), line(1, 1, -5, 1)])
def test_bad_lines_refused(bad):
    with pytest.raises(InvalidLine):
        split([bad])


def test_negative_fee_refused():
    with pytest.raises(InvalidLine):
        split([line(1, 1, 1000, 1)], {1: -1})
