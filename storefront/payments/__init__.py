"""Taking the buyer's money: card through Stripe Checkout, bank transfer or QRIS, cash.

Order code talks to ``services`` and registers handlers in ``hooks``; only
``providers/stripe_checkout.py`` imports ``stripe``.
"""
