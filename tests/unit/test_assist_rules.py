"""How long a consent lasts and when it holds: pure rules, no database."""
from datetime import datetime, timedelta

import pytest

from storefront.domain.assist import ConsentState, InvalidConsentDays, consent_end, consent_state

T0 = datetime(2026, 12, 1, 8, 0)


@pytest.mark.parametrize("days", [1, 14, 90])
def test_consent_ends_after_the_days_chosen(days):
    assert consent_end(T0, days) == T0 + timedelta(days=days)


@pytest.mark.parametrize("days", [0, -1, 91, 365, "7", 2.5, None])
def test_days_outside_one_to_ninety_are_refused(days):
    with pytest.raises(InvalidConsentDays):
        consent_end(T0, days)


def test_state_over_time():
    end = T0 + timedelta(days=7)
    assert consent_state(end, None, T0) == ConsentState.ACTIVE
    assert consent_state(end, None, end - timedelta(seconds=1)) == ConsentState.ACTIVE
    assert consent_state(end, None, end) == ConsentState.EXPIRED
    assert consent_state(end, T0 + timedelta(hours=1), T0 + timedelta(hours=2)) \
        == ConsentState.REVOKED
    assert consent_state(end, T0 + timedelta(hours=1), end + timedelta(days=1)) \
        == ConsentState.REVOKED
