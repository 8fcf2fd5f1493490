"""/pesan: the buyer's details, each shop's date and note, prices checked, order placed."""
from __future__ import annotations

from datetime import date

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user

from storefront import clock
from storefront.cart import services as cart
from storefront.checkout import services
from storefront.checkout.forms import CheckoutForm
from storefront.domain.money import format_rupiah
from storefront.domain.stock import OutOfStock, earliest_date
from storefront.extensions import db, limiter
from storefront.notifications import buyer_notices
from storefront.orders.labels import method_label
from storefront.orders.models import Fulfilment, PaymentMethod
from storefront.payments.channels import channel_choices, chosen_channel
from storefront.payments.providers import (
    XENDIT_METHODS,
    MethodNotEnabled,
    ProviderError,
    enabled_methods,
)
from storefront.payments.providers.base import AmountTooSmall
from storefront.pickup.services import PointNotOffered
from storefront.security import CHECKOUT_LIMIT

bp = Blueprint("checkout", __name__, url_prefix="/pesan")


def _parse_date(raw: str | None) -> date | None:
    try:
        return date.fromisoformat((raw or "").strip()[:10])
    except ValueError:
        return None


def _choices(view) -> dict[int, services.ShopChoice]:
    return {group.shop.id: services.ShopChoice(
        fulfilment=group.fulfilment,
        wanted_date=_parse_date(request.form.get(f"date-{group.shop.id}")),
        gift_note=request.form.get(f"note-{group.shop.id}", "").strip()[:300],
        pickup_point_id=group.pickup_point.id if group.pickup_point else None,  # pickup points
    ) for group in view.groups}


def _error_text(exc: Exception) -> str:
    if isinstance(exc, OutOfStock):
        if exc.reason == "capacity":
            return _("%(name)s: the seller can make only %(n)s more on that day. "
                     "Choose fewer or another day.", name=exc.name, n=exc.available)
        return _("%(name)s: only %(n)s left in stock, you asked for %(wanted)s. "
                 "Lower the quantity in your cart.", name=exc.name, n=exc.available,
                 wanted=exc.requested)
    if isinstance(exc, services.ShopClosed):
        return _("%(shop)s is not taking orders right now. Remove her products from your "
                 "cart to order the rest.", shop=exc.shop_name)
    if isinstance(exc, services.DeliveryNotOffered):
        return _("%(shop)s does not deliver to your kecamatan. Choose pickup for her products.",
                 shop=exc.shop_name)
    if isinstance(exc, services.DateNeeded) and exc.latest:
        return _("%(shop)s: choose a day from %(date)s to %(latest)s.", shop=exc.shop_name,
                 date=format_date(exc.earliest, "long"), latest=format_date(exc.latest, "long"))
    if isinstance(exc, services.DateNeeded):
        return _("%(shop)s: choose a date on or after %(date)s for made-to-order items.",
                 shop=exc.shop_name, date=format_date(exc.earliest, "long"))
    if isinstance(exc, services.AddressNeeded):
        return _("For delivery, write your address and choose your kecamatan in the cart.")
    if isinstance(exc, PointNotOffered):
        return _("A seller no longer drops off at the pickup point you chose. "
                 "Choose another way in your cart.")
    if isinstance(exc, services.PriceChanged):
        return _("Some prices changed since you added them (see below). "
                 "Check the new total, then confirm again.")
    if isinstance(exc, AmountTooSmall):
        return _("Card payment starts at %(amount)s. Choose bank transfer or cash, "
                 "or add more to your order.", amount=format_rupiah(exc.minimum))
    if isinstance(exc, MethodNotEnabled):
        return _("This way of paying is not available now. Choose another one.")
    if isinstance(exc, ProviderError):
        return _("The card payment page could not be opened just now. Nothing was ordered. "
                 "Try again in a few minutes, or choose bank transfer or cash.")
    if isinstance(exc, services.NotForSale | services.BadQuantity):
        return _("A product in your cart cannot be ordered. Check your cart and try again.")
    return _("Your cart is empty.")


@bp.route("/", methods=["GET", "POST"])
@limiter.limit(CHECKOUT_LIMIT, methods=["POST"])
def start():
    store = cart.store_for(current_user)
    view = cart.view(store)
    if not view.groups:
        db.session.commit()
        flash(_("Your cart is empty."), "info")
        return redirect(url_for("cart.show"))
    form = CheckoutForm()
    form.payment_method.choices = [(m.value, method_label(m)) for m in enabled_methods()]
    form.va_bank.choices = channel_choices(PaymentMethod.VA)
    form.ewallet.choices = channel_choices(PaymentMethod.EWALLET)
    if request.method == "GET" and form.payment_method.choices:
        form.payment_method.data = form.payment_method.data or form.payment_method.choices[0][0]
    if request.method == "GET" and current_user.is_authenticated:
        form.name.data = form.name.data or current_user.name
        form.phone.data = form.phone.data or current_user.phone
        form.email.data = form.email.data or current_user.email
    errors: list[str] = []
    if form.validate_on_submit():
        if view.needs_address and not (form.address.data or "").strip():
            form.address.errors.append(_("Please write the address for delivery."))
        else:
            buyer = services.Buyer(name=form.name.data.strip(), phone=form.phone.data,
                                   email=(form.email.data or "").strip().lower(),
                                   address=(form.address.data or "").strip(), area=view.area,
                                   user=current_user if current_user.is_authenticated else None)
            method = PaymentMethod(form.payment_method.data)
            try:
                channel = chosen_channel(method, form.va_bank.data, form.ewallet.data)
                order = services.place_order(store.items(), buyer, _choices(view), method)
                payment = services.pay_for(order, url_for("orders.track", token=order.token,
                                                          _external=True), channel)
                buyer_notices.order_placed(order, whatsapp_updates=form.whatsapp_updates.data)
            except (services.CheckoutError, OutOfStock, AmountTooSmall, MethodNotEnabled,
                    ProviderError, PointNotOffered) as exc:
                db.session.rollback()
                errors.append(_("The payment could not be started just now. Nothing was "
                                "ordered. Try again in a few minutes, or choose another way "
                                "to pay.") if isinstance(exc, ProviderError)
                              and method in XENDIT_METHODS else _error_text(exc))
                if isinstance(exc, services.PriceChanged):
                    store = cart.store_for(current_user)
                    view = cart.view(store)  # keeps the old prices to show the change
                    cart.see_prices(store)
                    db.session.commit()
            else:
                store.clear()
                db.session.commit()
                if payment.method in (PaymentMethod.CARD, PaymentMethod.EWALLET) \
                        and payment.redirect_url:
                    return redirect(payment.redirect_url, code=303)
                if payment.method == PaymentMethod.BANK_TRANSFER or method in XENDIT_METHODS:
                    return redirect(url_for("payments.pay", token=payment.token))
                return redirect(url_for("orders.confirmation", token=order.token))
    today = clock.today_local()
    earliest = {g.shop.id: earliest_date(today, g.lead_days) for g in view.groups}
    return render_template("checkout/checkout.html", form=form, cart=view, errors=errors,
                           earliest=earliest, Fulfilment=Fulfilment,
                           values=request.form)
