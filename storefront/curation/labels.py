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
    "product.submit": _l("Sent for review"),
    "product.edit": _l("Edited by the seller"),
    "product.approve": _l("Approved"),
    "product.request_changes": _l("Changes requested"),
    "product.feature": _l("Made a staff pick"),
    "product.unfeature": _l("No longer a staff pick"),
    "shop.suspend": _l("Shop paused"),
    "shop.reinstate": _l("Shop opened again"),
    "collection.create": _l("Collection made"),
    "collection.update": _l("Collection changed"),
    "collection.add_product": _l("Added to a collection"),
    "collection.remove_product": _l("Removed from a collection"),
    "review.hide": _l("Review hidden"),
}


def food_problem_label(problem: FoodProblem) -> str:
    return str(FOOD_PROBLEM_LABELS[problem])


def field_label(name: str) -> str:
    return str(FIELD_LABELS.get(name, name))


def action_label(action: str) -> str:
    label = ACTION_LABELS.get(action)
    return str(label) if label else action
