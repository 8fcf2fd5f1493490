"""Pasar Ibu: the shop window of the Women Care Day sellers of NTT."""
from __future__ import annotations

from pathlib import Path

from flask import Flask

from storefront import config, logs
from storefront.extensions import babel, compress, csrf, db, limiter, login_manager, migrate

#: templates/ and static/ sit beside the package, at the top of the repository.
ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app: settings, extensions, blueprints, error pages and commands."""
    app = Flask(
        __name__,
        instance_path=str(ROOT / "instance"),
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(config.load(app.instance_path))
    if test_config:
        app.config.from_mapping(test_config)
    config.check_password_hashing(app.config)
    logs.install()

    register_extensions(app)
    register_security(app)
    register_blueprints(app)
    register_template_helpers(app)
    register_errorhandlers(app)
    register_commands(app)
    return app


def register_extensions(app: Flask) -> None:
    from storefront import models  # noqa: F401 - every model, for migrations
    from storefront.accounts.session import load_user
    from storefront.catalog import freshness  # noqa: F401 - bumps the catalog version after commits
    from storefront.i18n import select_locale
    from storefront.web import fragments

    db.init_app(app)
    compress.init_app(app)  # first registered, so it compresses after every other hook
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale,
                   default_translation_directories=str(Path(__file__).parent / "translations"))
    limiter.init_app(app)
    fragments.init_app(app)
    login_manager.init_app(app)
    login_manager.user_loader(load_user)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = None


def register_security(app: Flask) -> None:
    from storefront import security
    from storefront.web import converters

    converters.install(app)  # before any blueprint: every <int:...> route is bounded
    security.install(app)


def register_blueprints(app: Flask) -> None:
    from storefront.accounts.views import bp as accounts_bp
    from storefront.assist import acting as assist_acting
    from storefront.assist.views import seller_bp as assist_seller_bp
    from storefront.assist.views import staff_bp as assist_staff_bp
    from storefront.cart import signals as cart_signals
    from storefront.cart.views import bp as cart_bp
    from storefront.catalog.views import bp as catalog_bp
    from storefront.checkout.views import bp as checkout_bp
    from storefront.curation.collection_views import bp as collections_staff_bp
    from storefront.curation.public_views import bp as collections_bp
    from storefront.curation.views import bp as curation_bp
    from storefront.delivery.views import bp as delivery_bp
    from storefront.hampers.views import bp as hampers_bp
    from storefront.hampers.views import staff_bp as hampers_staff_bp
    from storefront.impact.views import bp as impact_bp
    from storefront.impact.views import seller_bp as progress_bp
    from storefront.ledger.views import seller_bp as earnings_bp
    from storefront.ledger.views import staff_bp as payouts_bp
    from storefront.notifications.staff_views import bp as staff_messages_bp
    from storefront.notifications.views import bp as notifications_bp
    from storefront.notifications.webhook_views import bp as whatsapp_webhooks_bp
    from storefront.onboarding.views import bp as onboarding_bp
    from storefront.orders import payment_hooks
    from storefront.orders.seller_views import bp as seller_orders_bp
    from storefront.orders.staff_views import bp as staff_orders_bp
    from storefront.orders.tap_views import bp as order_tap_bp
    from storefront.orders.views import bp as orders_bp
    from storefront.payments.matching_views import bp as transfer_matching_bp
    from storefront.payments.views import bp as payments_bp
    from storefront.payments.views import staff_bp as staff_payments_bp
    from storefront.payments.webhooks import bp as stripe_webhooks_bp
    from storefront.payments.xendit_callbacks import bp as xendit_webhooks_bp
    from storefront.pickup.views import bp as pickup_bp
    from storefront.pickup.views import seller_bp as pickup_seller_bp
    from storefront.pickup.views import staff_bp as pickup_staff_bp
    from storefront.privacy.views import bp as privacy_bp
    from storefront.reach.views import bp as reach_bp
    from storefront.refunds.views import bp as staff_refunds_bp
    from storefront.reviews.seller_views import bp as seller_reviews_bp
    from storefront.reviews.staff_views import bp as staff_reviews_bp
    from storefront.reviews.views import bp as reviews_bp
    from storefront.search.views import bp as synonyms_bp
    from storefront.seller.views import bp as seller_bp
    from storefront.shops.views import bp as shops_bp
    from storefront.site.views import bp as site_bp
    from storefront.site.web_files import bp as web_files_bp
    from storefront.staff.views import bp as staff_bp

    for blueprint in (site_bp, catalog_bp, shops_bp, accounts_bp, seller_bp, staff_bp, reach_bp,
                      curation_bp, collections_staff_bp, collections_bp, notifications_bp,
                      onboarding_bp, payments_bp, staff_payments_bp, stripe_webhooks_bp, payouts_bp,
                      earnings_bp, privacy_bp):
        app.register_blueprint(blueprint)
    for blueprint in (cart_bp, checkout_bp, orders_bp, seller_orders_bp, staff_orders_bp,
                      delivery_bp):
        app.register_blueprint(blueprint)
    for blueprint in (reviews_bp, seller_reviews_bp, staff_reviews_bp):
        app.register_blueprint(blueprint)
    for blueprint in (assist_seller_bp, assist_staff_bp, order_tap_bp):
        app.register_blueprint(blueprint)
    assist_acting.install(app)
    for blueprint in (impact_bp, progress_bp):
        app.register_blueprint(blueprint)
    for blueprint in (pickup_bp, pickup_staff_bp, pickup_seller_bp, hampers_bp, hampers_staff_bp):
        app.register_blueprint(blueprint)
    app.register_blueprint(whatsapp_webhooks_bp)
    app.register_blueprint(staff_messages_bp)
    for blueprint in (xendit_webhooks_bp, transfer_matching_bp):
        app.register_blueprint(blueprint)
    app.register_blueprint(synonyms_bp)
    app.register_blueprint(web_files_bp)
    app.register_blueprint(staff_refunds_bp)
    cart_signals.install(app)
    payment_hooks.install()


def register_template_helpers(app: Flask) -> None:
    from storefront.web import static_files, template_helpers

    template_helpers.install(app)
    static_files.install(app)


def register_errorhandlers(app: Flask) -> None:
    from storefront.web import errors

    errors.install(app)


def register_commands(app: Flask) -> None:
    from storefront import cli

    cli.install(app)
