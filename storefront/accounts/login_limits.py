"""Login rate limits (Flask-Limiter), so a stranger cannot lock a seller out.

- per address: ``ADDRESS_LIMIT`` tries, whatever the account;
- per account and address together: ``PAIR_LIMIT`` failed tries;
- per account across all addresses: ``ACCOUNT_LIMITS``, higher, in growing windows (a
  minute, an hour, a day), so the wait grows with the failures.

Only failed tries count against the account limits, so a stranger guessing from his
address uses up his own pair and address limits long before the account's; her right
password from another address still works. Staff can clear an account's limits.
"""
from __future__ import annotations

from flask import current_app, request
from flask_limiter.util import get_remote_address
from limits import parse_many

from storefront.accounts.models import User
from storefront.accounts.session import account_key, login_attempt_key
from storefront.extensions import limiter

#: tries per address per minute, any account
ADDRESS_LIMIT = "20/minute"
#: failed tries on one account from one address
PAIR_LIMIT = "5/minute"
#: failed tries on one account from all addresses together: the wait grows
ACCOUNT_LIMITS = "10/minute;30/hour;100/day"
#: the limiter scope of the account-wide limits (fixed, so staff can clear them)
ACCOUNT_SCOPE = "login-account"


def pair_key() -> str:
    """One account from one address."""
    return f"{login_attempt_key()}@{get_remote_address()}"


def failed(response) -> bool:
    """A login that did not succeed (success redirects)."""
    return request.method == "POST" and response.status_code != 302


def limited(view):
    """The three login limits on ``view``."""
    view = limiter.limit(ACCOUNT_LIMITS, methods=["POST"], key_func=login_attempt_key,
                         scope=ACCOUNT_SCOPE, deduct_when=failed)(view)
    view = limiter.limit(PAIR_LIMIT, methods=["POST"], key_func=pair_key,
                         scope="login-pair", deduct_when=failed)(view)
    return limiter.limit(ADDRESS_LIMIT, methods=["POST"], scope="login-address")(view)


def clear_account(user: User) -> None:
    """Staff lift the account-wide limits of one account (by phone and by e-mail)."""
    prefix = [current_app.config["RATELIMIT_KEY_PREFIX"]] \
        if current_app.config.get("RATELIMIT_KEY_PREFIX") else []
    scope = f"accounts.login:{ACCOUNT_SCOPE}"  # Flask-Limiter's scope of a route's own limit
    for identifier in filter(None, (user.phone, user.email)):
        for item in parse_many(ACCOUNT_LIMITS):
            limiter.limiter.clear(item, *prefix, account_key(identifier), scope)
