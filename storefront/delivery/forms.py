"""The seller's delivery fees: one field per kecamatan of Kota Kupang."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm

from storefront.domain.areas import KOTA_KUPANG

#: Help shown above the fee fields.
HINT = _l("Leave a kecamatan empty if you do not deliver there. Write 0 for free delivery.")


class FeesForm(FlaskForm):
    """Fields are read by area name (``fee-<area>``) in the view; only CSRF lives here."""

    areas = KOTA_KUPANG
