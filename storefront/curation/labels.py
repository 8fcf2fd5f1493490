"""Words shown for curation facts, in the visitor's language."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from storefront.domain.curation import FoodProblem

FOOD_PROBLEM_LABELS = {
    FoodProblem.NO_PIRT: _l("no PIRT number and no note that PIRT is in process"),
    FoodProblem.NO_SHELF_LIFE: _l("no shelf life"),
}

FIELD_LABELS = {
    "name": _l("Name"), "price": _l("Price"), "description": _l("Description"),
    "photos": _l("Photos"), "category_id": _l("Category"), "pirt_number": _l("PIRT number"),
    "pirt_in_process": _l("PIRT in process"), "halal_status": _l("Halal"),
    "shelf_life_days": _l("Keeps for (days)"), "allergens": _l("Allergens"),
    "material": _l("Material"), "size": _l("Size"),
}

ACTION_LABELS = {
    "assist.consent": _l("Seller allowed a mentor to help"),
    "assist.revoke": _l("Mentor's help stopped"),
    "assist.start": _l("Mentor started helping"),
    "assist.stop": _l("Mentor stopped helping"),
    "bank_account.set": _l("Bank account saved"),
    "buyer.erase": _l("Buyer's data removed"),
    "buyer.purge_proofs": _l("Buyers' transfer receipts deleted"),
    "collection.add_product": _l("Added to a collection"),
    "collection.create": _l("Collection made"),
    "collection.remove_product": _l("Removed from a collection"),
    "collection.update": _l("Collection changed"),
    "hamper.archive": _l("Hamper archived"),
    "hamper.feature": _l("Hamper added to a collection"),
    "hamper.save": _l("Hamper saved"),
    "hamper.unfeature": _l("Hamper removed from a collection"),
    "ledger.refund": _l("Refund entered in the ledger"),
    "login.unlock": _l("Log-in lock cleared"),
    "order.cancel": _l("Order cancelled"),
    "payment.cash_received": _l("Cash received"),
    "payment.confirm": _l("Payment confirmed"),
    "payment.late": _l("Payment arrived late"),
    "payment.paid_for_cancelled": _l("Payment for a cancelled order"),
    "payment.refund": _l("Payment refunded"),
    "payment.refund_manual": _l("Refund to send by hand"),
    "payment.reject_proof": _l("Transfer receipt refused"),
    "payout.cancel": _l("Payout cancelled"),
    "payout.complete": _l("Payout sent"),
    "payout.request": _l("Payout recorded"),
    "pickup.hand_over": _l("Handed over at the pickup point"),
    "pickup.receive": _l("Received at the pickup point"),
    "pickup.wrong_code": _l("Wrong handover code"),
    "pickup_point.save": _l("Pickup point saved"),
    "product.approve": _l("Approved"),
    "product.edit": _l("Edited by the seller"),
    "product.feature": _l("Made a staff pick"),
    "product.request_changes": _l("Changes requested"),
    "product.submit": _l("Sent for review"),
    "product.unfeature": _l("No longer a staff pick"),
    "refund.owed": _l("Money to return to a buyer"),
    "refund.sent": _l("Money returned to a buyer"),
    "review.hide": _l("Review hidden"),
    "seller.invite": _l("Seller registered"),
    "seller.reset_link": _l("New log-in link for a seller"),
    "shop.reinstate": _l("Shop opened again"),
    "shop.suspend": _l("Shop paused"),
    "staff.permissions": _l("Staff permissions changed"),
    "synonym.add": _l("Search synonyms added"),
    "synonym.remove": _l("Search synonyms removed"),
}


def food_problem_label(problem: FoodProblem) -> str:
    return str(FOOD_PROBLEM_LABELS[problem])


def field_label(name: str) -> str:
    return str(FIELD_LABELS.get(name, name))


def action_label(action: str) -> str:
    """The words for an audit code; a mentor's change on a seller page names that page."""
    label = ACTION_LABELS.get(action)
    if label:
        return str(label)
    if action.startswith("assist."):
        return str(_l("Change made by a mentor (%(page)s)", page=action.removeprefix("assist.")))
    return action
