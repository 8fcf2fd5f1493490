"""Import every model so Flask-Migrate and the tests see the whole schema."""
from storefront.accounts.models import AccountToken, Role, TokenPurpose, User
from storefront.audit.models import AuditEntry
from storefront.catalog.models import Category, CategoryKind, HalalStatus, Product, ProductPhoto
from storefront.notifications.models import Notification
from storefront.shops.models import Shop, ShopStatus

__all__ = [
    "AccountToken", "AuditEntry", "Category", "CategoryKind", "HalalStatus", "Notification", "Product",
    "ProductPhoto", "Role", "Shop", "ShopStatus", "TokenPurpose", "User",
]
