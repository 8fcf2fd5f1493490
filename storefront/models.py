"""Import every model so Flask-Migrate and the tests see the whole schema."""
from storefront.accounts.models import Role, User
from storefront.audit.models import AuditEntry
from storefront.catalog.models import Category, CategoryKind, HalalStatus, Product, ProductPhoto
from storefront.ledger.models import LedgerEntry, Payout, PayoutStatus, SellerBankAccount
from storefront.notifications.models import Notification
from storefront.payments.models import Payment, PaymentMethod, PaymentRefund, StripeEvent
from storefront.shops.models import Shop, ShopStatus

__all__ = [
    "AuditEntry", "Category", "CategoryKind", "HalalStatus", "LedgerEntry", "Notification",
    "Payment", "PaymentMethod", "PaymentRefund", "Payout", "PayoutStatus", "Product",
    "ProductPhoto", "Role", "SellerBankAccount", "Shop", "ShopStatus", "StripeEvent", "User",
]
