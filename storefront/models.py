"""Import every model so Flask-Migrate and the tests see the whole schema."""
from storefront.accounts.models import Role, User
from storefront.audit.models import AuditEntry
from storefront.cart.models import CartItem
from storefront.catalog.models import Category, CategoryKind, HalalStatus, Product, ProductPhoto
from storefront.delivery.models import DeliveryFee
from storefront.notifications.models import Notification
from storefront.orders.models import (
    CapacityBooking,
    Order,
    OrderCounter,
    OrderLine,
    SellerOrder,
    SellerOrderEvent,
)
from storefront.shops.models import Shop, ShopStatus

__all__ = [
    "CapacityBooking", "CartItem", "DeliveryFee", "Order", "OrderCounter", "OrderLine",
    "SellerOrder", "SellerOrderEvent",
    "AuditEntry", "Category", "CategoryKind", "HalalStatus", "Notification", "Product",
    "ProductPhoto", "Role", "Shop", "ShopStatus", "User",
]
