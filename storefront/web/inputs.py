"""How phone keyboards and autofill treat a form field (the HTML attributes, per kind).

A phone field opens the number pad and offers the phone's own number; a name or address
field offers what the browser remembers. Fields about someone else (staff typing a
seller's number) get the number pad but no autofill, so staff's own number is not offered.
"""
from __future__ import annotations

#: her own phone or WhatsApp number
OWN_PHONE = {"type": "tel", "inputmode": "tel", "autocomplete": "tel"}
#: someone else's phone number, typed by staff
OTHER_PHONE = {"type": "tel", "inputmode": "tel", "autocomplete": "off"}
#: her own full name
OWN_NAME = {"autocomplete": "name"}
#: her own street address, with landmarks
OWN_ADDRESS = {"autocomplete": "street-address"}
#: a phone number or an e-mail to log in with
LOGIN = {"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"}
