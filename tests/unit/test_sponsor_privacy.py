"""Sponsor exports: k-anonymity of areas and no order that gives a hidden seller away."""
from datetime import datetime

from storefront.domain.impact import MIN_AREA_SELLERS, SellerReport, for_sponsors, public_names


def _seller(shop_id, name, area, consented=True):
    return SellerReport(shop_id=shop_id, name=name, area=area, consented=consented,
                        onboarded=datetime(2026, 1, 1), first_sale=None)


SELLERS = [_seller(1, "Zahra", "Oebobo"), _seller(2, "Ani", "Oebobo", False),
           _seller(3, "Bella", "Oebobo", False), _seller(4, "Citra", "Alak", False),
           _seller(5, "Dewi", "Maulafa"), _seller(6, "Eka", "Maulafa", False)]


def test_an_area_with_fewer_than_three_sellers_is_other():
    assert MIN_AREA_SELLERS == 3
    shown = {r.shop_id: r.area for r in for_sponsors(SELLERS, "Penjual %d", "Lainnya")}
    assert shown == {1: "Oebobo", 2: "Oebobo", 3: "Oebobo", 4: "Lainnya", 5: "Lainnya",
                     6: "Lainnya"}


def test_named_first_by_name_then_anonymous_in_the_shuffled_order():
    shown = for_sponsors(SELLERS, "Penjual %d", "Lainnya", shuffle=list.reverse)
    assert [(r.shop_id, r.name) for r in shown] == [
        (5, "Dewi"), (1, "Zahra"), (6, "Penjual 1"), (4, "Penjual 2"), (3, "Penjual 3"),
        (2, "Penjual 4")]


def test_anonymous_numbers_are_not_in_name_order():
    """Over many exports, "Penjual 1" is not always the same seller."""
    firsts = {public_names(SELLERS, "Penjual %d") and next(
        r.shop_id for r in for_sponsors(SELLERS, "Penjual %d", "Lainnya") if r.name == "Penjual 1")
        for _ in range(60)}
    assert len(firsts) > 1
