"""schema.org JSON-LD for product pages."""
from __future__ import annotations

from storefront.catalog.models import Product
from storefront.reach.links import absolute_url


def product_json_ld(product: Product, rating: tuple[float, int] | None = None) -> dict:
    """A ``Product`` with its ``Offer``; ``rating`` is (average, count) once there are reviews."""
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.name,
        "description": product.description,
        "sku": f"PI-{product.id}",
        "brand": {"@type": "Brand", "name": product.shop.name},
        "image": [absolute_url("reach.product_image", slug=product.slug)],
        "offers": {
            "@type": "Offer",
            "price": str(product.price),
            "priceCurrency": "IDR",
            "availability": ("https://schema.org/InStock" if product.in_stock
                             else "https://schema.org/OutOfStock"),
            "url": absolute_url("catalog.product", slug=product.slug),
            "seller": {"@type": "Organization", "name": product.shop.name},
        },
    }
    if rating and rating[1]:
        data["aggregateRating"] = {"@type": "AggregateRating", "ratingValue": round(rating[0], 1),
                                   "reviewCount": rating[1]}
    return data
