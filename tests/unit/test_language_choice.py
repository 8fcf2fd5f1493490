"""Indonesian first: which language an Accept-Language header gets."""
import pytest

from storefront.i18n import negotiate

OFFERED = ("id", "en")


@pytest.mark.parametrize(("tags", "expected"), [
    (["en-ID", "en"], "id"),          # a phone set to English in Indonesia
    (["en-US", "en", "id"], "id"),    # asks for Indonesian too, even last
    (["en_id"], "id"),
    (["in"], "id"),                   # unknown language: Indonesian
    (["id-ID"], "id"),
    (["EN-US", "en"], "en"),
    (["en-GB"], "en"),
    (["fr-FR", "en"], "en"),          # asks for English and nothing Indonesian
    (["fr-FR"], "id"),
    (["*"], "id"),
    ([], "id"),
])
def test_indonesian_unless_only_english_is_asked_for(tags, expected):
    assert negotiate(tags, OFFERED) == expected
