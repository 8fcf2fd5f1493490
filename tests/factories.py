"""Factory fixtures: each returns a callable that makes one row with sensible defaults."""
from __future__ import annotations

import itertools

import pytest

from storefront.accounts.models import Role, User
from storefront.catalog.models import Category, CategoryKind, HalalStatus, Product
from storefront.domain.listing import ListingStatus
from storefront.extensions import db
from storefront.shops.models import Shop, ShopStatus

PASSWORD = "rahasia-yang-panjang-123"
_seq = itertools.count(1)


@pytest.fixture
def make_user(app):
    def _make(role: Role = Role.BUYER, *, name: str | None = None, email: str | None = None,
              phone: str | None = None, password: str | None = PASSWORD,
              permissions: str = "") -> User:
        n = next(_seq)
        user = User(name=name or f"Pengguna {n}", role=role,
                    email=email if email is not None else f"user{n}@example.test",
                    phone=phone, permissions=permissions)
        if password:
            user.set_password(password)
        db.session.add(user)
        db.session.flush()
        return user

    return _make


@pytest.fixture
def make_shop(app, make_user):
    def _make(*, owner: User | None = None, name: str | None = None,
              status: ShopStatus = ShopStatus.ACTIVE, area: str = "Oebobo", **extra) -> Shop:
        n = next(_seq)
        owner = owner or make_user(Role.SELLER, phone=f"+6281200{n:05d}")
        shop = Shop(owner_id=owner.id, slug=f"toko-{n}", name=name or f"Toko Mama {n}",
                    area=area, status=status, whatsapp=owner.phone, story="Cerita toko.",
                    story_public=True, **extra)
        db.session.add(shop)
        db.session.flush()
        return shop

    return _make


@pytest.fixture
def make_category(app):
    def _make(kind: CategoryKind = CategoryKind.FOOD, *, slug: str | None = None) -> Category:
        n = next(_seq)
        category = Category(slug=slug or f"kategori-{n}", name_id=f"Kategori {n}",
                            name_en=f"Category {n}", kind=kind, position=n)
        db.session.add(category)
        db.session.flush()
        return category

    return _make


@pytest.fixture
def make_product(app, make_shop, make_category):
    def _make(*, shop: Shop | None = None, category: Category | None = None,
              name: str | None = None, price: int = 25000, stock: int | None = 10,
              status: ListingStatus = ListingStatus.APPROVED, description: str = "Enak sekali.",
              made_to_order: bool = False, lead_days: int | None = None,
              daily_capacity: int | None = None, **extra) -> Product:
        n = next(_seq)
        category = category or make_category()
        product = Product(
            shop_id=(shop or make_shop()).id, category_id=category.id,
            slug=f"produk-{n}", name=name or f"Produk {n}", description=description,
            price=price, made_to_order=made_to_order,
            stock=None if made_to_order else stock,
            lead_days=lead_days if not made_to_order else (lead_days or 2),
            daily_capacity=daily_capacity if not made_to_order else (daily_capacity or 5),
            status=status, **extra)
        if category.kind == CategoryKind.FOOD and "halal_status" not in extra:
            product.halal_status = HalalStatus.CERTIFIED
        db.session.add(product)
        db.session.flush()
        return product

    return _make


@pytest.fixture
def make_staff(make_user):
    """``make_staff()`` makes a programme staff account (factory password)."""

    def _make(**kwargs) -> User:
        return make_user(Role.STAFF, **kwargs)

    return _make


@pytest.fixture
def make_collection(app):
    """``make_collection(products=[…], starts_on=…, ends_on=…)`` makes a collection."""
    from storefront.curation.models import Collection

    def _make(*, name: str | None = None, slug: str | None = None, banner: str = "Pilihan staf.",
              position: int = 0, starts_on=None, ends_on=None, products=()) -> Collection:
        n = next(_seq)
        collection = Collection(name=name or f"Koleksi {n}", slug=slug or f"koleksi-{n}",
                                banner=banner, position=position, starts_on=starts_on,
                                ends_on=ends_on)
        collection.products.extend(products)
        db.session.add(collection)
        db.session.flush()
        return collection

    return _make


# --- payments and ledger --------------------------------------------------------------------

@pytest.fixture
def fake_stripe(app):
    """The loopback Stripe fake, with the app pointed at it and every method enabled."""
    from tests.fakes import stripe_server

    fake, server, thread = stripe_server.start()
    app.config.update(STRIPE_API_BASE=fake.base_url, STRIPE_SECRET_KEY=stripe_server.API_KEY,
                      STRIPE_WEBHOOK_SECRET=stripe_server.WEBHOOK_SECRET, STRIPE_MIN_AMOUNT=10_000,
                      PAYMENT_METHODS=("card", "bank_transfer", "cash"))
    yield fake
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture
def fake_xendit(app):
    """The loopback Xendit fake, with the app pointed at it and the Xendit methods enabled."""
    from tests.fakes import xendit_server

    fake, server, thread = xendit_server.start()
    app.config.update(XENDIT_API_BASE=fake.base_url, XENDIT_SECRET_KEY=xendit_server.API_KEY,
                      XENDIT_CALLBACK_TOKEN=xendit_server.CALLBACK_TOKEN,
                      PAYMENT_METHODS=("qris", "va", "ewallet", "bank_transfer", "cash"))
    yield fake
    server.shutdown()
    thread.join(timeout=5)


# --- media in an S3-compatible bucket ---------------------------------------------------------

@pytest.fixture(scope="session")
def s3_server():
    """The loopback fake S3, started once per session; boto3 gets dummy keys meanwhile."""
    from tests.fakes.s3_server import FakeS3, aws_environment

    with aws_environment():
        fake = FakeS3()
        fake.start()
        yield fake
        fake.stop()


@pytest.fixture
def s3_media(app, s3_server):
    """The app keeps photos and proofs in a fresh bucket of the fake (MEDIA_STORAGE=s3);
    returns the bucket, to look inside it."""
    bucket = s3_server.new_bucket()
    app.config.update(MEDIA_STORAGE="s3", S3_BUCKET=bucket.name, S3_ENDPOINT_URL=s3_server.url,
                      S3_REGION="us-east-1", S3_MEDIA_PREFIX="media/", S3_PROOF_PREFIX="proofs/",
                      MEDIA_PUBLIC_URL="")
    return bucket


@pytest.fixture
def make_payment(app, make_order):
    """A payment row without calling any provider (card rows get a fake session id);
    without ``order_id`` it makes an order of the same amount."""
    from storefront.payments.models import Payment, PaymentMethod

    def _make(*, order_id: int | None = None, amount: int = 50_000,
              method: PaymentMethod = PaymentMethod.BANK_TRANSFER, **extra) -> Payment:
        n = next(_seq)
        if method == PaymentMethod.CARD and "provider_ref" not in extra:
            extra["provider_ref"] = f"cs_test_factory_{n}"
        if order_id is None:
            order_id = make_order(total=amount, method=method).id
        payment = Payment(order_id=order_id, amount=amount, method=method, **extra)
        db.session.add(payment)
        db.session.flush()
        return payment

    return _make


@pytest.fixture
def make_delivery_fee(app):
    def _make(shop: Shop, area: str = "Oebobo", fee: int = 10000):
        from storefront.delivery.models import DeliveryFee

        row = DeliveryFee(shop_id=shop.id, area=area, fee=fee)
        db.session.add(row)
        db.session.flush()
        return row

    return _make


@pytest.fixture
def place_order(app):
    """``place_order({product: qty}, **buyer)`` places an order through the checkout service."""

    def _place(quantities: dict, *, choices: dict | None = None, user: User | None = None,
               name: str = "Ibu Pembeli", phone: str = "+6281399990000", email: str = "",
               address: str = "", area: str = ""):
        from storefront.checkout.services import Buyer, place_order

        items = {p.id: (qty, p.price) for p, qty in quantities.items()}
        buyer = Buyer(name=name, phone=phone, email=email, address=address, area=area, user=user)
        return place_order(items, buyer, choices or {})

    return _place


@pytest.fixture
def make_seller(app, make_shop, make_user):
    """``make_seller(phone="0812…")`` makes a seller with a password and her shop; returns the shop."""

    def _make(*, phone: str | None = None, name: str | None = None, **shop_fields) -> Shop:
        from storefront.domain.phone import normalise_phone

        n = next(_seq)
        owner = make_user(Role.SELLER, name=name, email="",
                          phone=normalise_phone(phone) if phone else f"+6281300{n:05d}")
        owner.email = None
        return make_shop(owner=owner, **shop_fields)

    return _make


@pytest.fixture
def seller(make_seller, login):
    """A seller's shop, committed, with the test client logged in as her."""
    shop = make_seller()
    db.session.commit()
    login(shop.owner)
    return shop


@pytest.fixture
def bank_key(app):
    """A Fernet key for bank account numbers."""
    from cryptography.fernet import Fernet

    key = Fernet.generate_key().decode()
    app.config["BANK_ACCOUNT_KEY"] = key
    return key


@pytest.fixture
def heard(app):
    """Every payment hook call, as a list of (event, order_id)."""
    from tests.paytools import Heard

    recorder = Heard()
    yield recorder.calls
    recorder.close()


# --- reviews --------------------------------------------------------------------------------

@pytest.fixture
def complete_order(app, place_order):
    """``complete_order({product: qty}, **buyer)`` places an order through checkout, then moves
    every seller order to completed through the order services, as her seller would."""

    def _complete(quantities: dict, **buyer):
        from storefront.domain.order_states import SellerOrderStatus
        from storefront.orders import services

        order = place_order(quantities, **buyer)
        for part in order.parts:
            services.release(part, None)
            for step in (SellerOrderStatus.ACCEPTED, SellerOrderStatus.READY,
                         SellerOrderStatus.COMPLETED):
                services.seller_move(part, step, part.shop.owner)
        return order

    return _complete


@pytest.fixture
def make_review(app):
    """``make_review(line, rating=5, text=…)`` stores a review directly (no rule checks)."""

    def _make(line, *, rating: int = 5, text: str = "Enak sekali.", author_name: str = "Maria T.",
              **extra):
        from storefront.reviews.models import Review

        review = Review(order_line_id=line.id, product_id=line.product_id,
                        shop_id=line.seller_order.shop_id, rating=rating, text=text,
                        author_name=author_name, **extra)
        db.session.add(review)
        db.session.flush()
        return review

    return _make


@pytest.fixture
def make_mentor(make_user):
    """``make_mentor()`` makes a staff member with the "mentor" permission."""

    def _make(**kwargs) -> User:
        user = make_user(Role.STAFF, **kwargs)
        user.permissions = "mentor"
        db.session.flush()
        return user

    return _make


@pytest.fixture
def make_consent(app):
    """``make_consent(shop, mentor, days=7)``: the shop's owner allows the mentor, from now."""

    def _make(shop: Shop, mentor: User, *, days: int = 7, recorded_by: User | None = None):
        from storefront.assist.services import grant

        return grant(shop.owner, mentor, days, recorded_by or shop.owner)

    return _make


@pytest.fixture
def make_order(app, make_shop):
    """``make_order(total=…)``: an order with one seller order, written directly (no stock
    taken); for payment and ledger tests that need real order rows."""
    from storefront.domain.order_states import SellerOrderStatus
    from storefront.orders.models import Fulfilment, Order, SellerOrder
    from storefront.payments.models import PaymentMethod

    def _make(*, total: int = 50_000, shop: Shop | None = None,
              method: PaymentMethod = PaymentMethod.BANK_TRANSFER,
              status: SellerOrderStatus = SellerOrderStatus.AWAITING_PAYMENT,
              id: int | None = None) -> Order:  # noqa: A002 - the column's name
        n = next(_seq)
        order = Order(id=id, number=f"PI-TEST-{n:04d}", buyer_name="Ibu Pembeli",
                      buyer_phone="+6281399990000", payment_method=method, total=total)
        order.parts.append(SellerOrder(shop_id=(shop or make_shop()).id, status=status,
                                       fulfilment=Fulfilment.PICKUP, subtotal=total,
                                       total=total))
        db.session.add(order)
        db.session.flush()
        return order

    return _make


@pytest.fixture
def make_pickup_point(app):
    """``make_pickup_point(name=…, shops=[shop, …])`` makes an active pickup point."""

    def _make(*, name: str | None = None, shops=(), active: bool = True, **fields):
        from storefront.pickup.models import PickupPoint
        from storefront.pickup.services import points_of_shop, set_shop_points

        n = next(_seq)
        point = PickupPoint(name=name or f"Aula Komunitas {n}", address=f"Jl. Sudirman {n}, Kupang",
                            opening_hours="Sen-Sab 09.00-17.00",
                            map_url=fields.pop("map_url", "https://maps.example.org/aula"),
                            active=active, **fields)
        db.session.add(point)
        db.session.flush()
        for shop in shops:
            mine = {p.id for p in points_of_shop(shop.id)} | {point.id}
            set_shop_points(shop, mine)
        return point

    return _make


@pytest.fixture
def make_hamper(app, make_pickup_point, make_staff):
    """``make_hamper([(product, qty, unit_share), …], price=…)``; price defaults to the shares."""

    def _make(components, *, price: int | None = None, point=None, name: str | None = None):
        from storefront.hampers.services import compose

        n = next(_seq)
        rows = [(p.id, q, s) for p, q, s in components]
        return compose(name=name or f"Hamper Hari Ibu {n}", description="Kue, sambal dan tenun.",
                       price=price if price is not None else sum(q * s for _p, q, s in rows),
                       point=point or make_pickup_point(), components=rows, staff=make_staff())

    return _make


# --- messages outside the shop: WhatsApp and web push ----------------------------------------

@pytest.fixture
def fake_whatsapp(app):
    """The loopback WhatsApp Cloud API fake, with the app pointed at it; retries without waiting."""
    from tests.fakes import whatsapp_server as wa

    fake, server, thread = wa.start()
    app.config.update(WHATSAPP_API_BASE=fake.base_url, WHATSAPP_TOKEN=wa.TOKEN,
                      WHATSAPP_PHONE_NUMBER_ID=wa.PHONE_NUMBER_ID,
                      WHATSAPP_APP_SECRET=wa.APP_SECRET, WHATSAPP_VERIFY_TOKEN=wa.VERIFY_TOKEN,
                      MESSAGE_RETRY_DELAYS=(0.0, 0.0))
    yield fake
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture
def fake_push(app):
    """The loopback push-service fake, with VAPID keys in the settings."""
    from tests.fakes import push_server

    fake, server, thread = push_server.start()
    private, public = push_server.vapid_keys()
    app.config.update(VAPID_PRIVATE_KEY=private, VAPID_PUBLIC_KEY=public,
                      VAPID_SUBJECT="mailto:staf@pasaribu.test", MESSAGE_RETRY_DELAYS=(0.0, 0.0))
    yield fake
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture
def smtp(app, monkeypatch):
    """E-mail reaches this list instead of an SMTP server: ``{"to", "subject", "body"}`` each."""
    sent: list[dict] = []

    class FakeSMTP:
        def __init__(self, host, port, timeout=None):
            assert host == "smtp.test"

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def send_message(self, message):
            sent.append({"to": message["To"], "subject": message["Subject"],
                         "body": message.get_content()})

    monkeypatch.setattr("storefront.notifications.mail.smtplib.SMTP", FakeSMTP)
    app.config.update(SMTP_HOST="smtp.test", MAIL_FROM="pasar@ibu.test")
    return sent
