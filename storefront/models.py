"""Import every model so Flask-Migrate and the tests see the whole schema."""
from storefront.accounts.models import AccountToken, Role, TokenPurpose, User
from storefront.assist.models import AssistConsent
from storefront.audit.models import AuditEntry
from storefront.cart.models import CartItem
from storefront.catalog import search_index  # noqa: F401 - keeps Product.search_text current
from storefront.catalog.models import Category, CategoryKind, HalalStatus, Product, ProductPhoto
from storefront.curation.models import ApprovedVersion, Collection
from storefront.delivery.models import DeliveryFee
from storefront.hampers.models import Hamper, HamperComponent, HamperOrderPart
from storefront.ledger.models import LedgerEntry, Payout, PayoutStatus, SellerBankAccount
from storefront.notifications.delivery_models import (
    ContactEmail,
    OutboundMessage,
    PushSubscription,
    SellerFollowUp,
    WhatsAppOptIn,
)
from storefront.notifications.models import Notification
from storefront.orders.models import (
    CapacityBooking,
    Order,
    OrderCounter,
    OrderLine,
    SellerOrder,
    SellerOrderEvent,
)
from storefront.orders.tap_models import UsedOrderLink
from storefront.payments.models import Payment, PaymentMethod, PaymentRefund, StripeEvent
from storefront.pickup.models import HandoverCode, PickupParcel, PickupPoint
from storefront.reach.models import ShopVisit, VisitSource
from storefront.refunds.models import ObligationStatus, RefundObligation
from storefront.reviews.models import Review
from storefront.shops.models import Shop, ShopStatus

__all__ = [
    "AccountToken", "ApprovedVersion", "AuditEntry", "CapacityBooking", "CartItem", "Category",
    "CategoryKind", "Collection", "DeliveryFee", "HalalStatus",
    "HandoverCode", "Hamper", "HamperComponent", "HamperOrderPart", "PickupParcel", "PickupPoint",
    "LedgerEntry", "Notification",
    "Order", "OrderCounter", "OrderLine", "Payment", "PaymentMethod", "PaymentRefund", "Payout",
    "PayoutStatus", "Product", "ProductPhoto", "Review", "Role", "SellerBankAccount", "SellerOrder",
    "SellerOrderEvent", "Shop", "ShopStatus", "ShopVisit", "StripeEvent", "TokenPurpose", "User",
    "VisitSource",
]
__all__ += ["AssistConsent", "UsedOrderLink"]  # assisted selling, one-tap order links
__all__ += ["ContactEmail", "OutboundMessage", "PushSubscription", "SellerFollowUp",
            "WhatsAppOptIn"]  # messages outside the shop
from storefront.search.models import SearchWordKey, SynonymGroup, SynonymWord  # noqa: E402

__all__ += ["SearchWordKey", "SynonymGroup", "SynonymWord"]  # tolerant search
__all__ += ["ObligationStatus", "RefundObligation"]  # money owed back to buyers
