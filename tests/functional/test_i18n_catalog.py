"""Every string a person reads has an Indonesian translation."""
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]


def test_indonesian_catalog_is_complete(tmp_path):
    pot = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "-q", "extract", "-F", "babel.cfg",
                    "-k", "_l", "-k", "lazy_gettext", "-o", str(pot), "."], cwd=ROOT, check=True)
    with pot.open("rb") as f:
        wanted = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(f) if m.id}
    with (ROOT / "storefront/translations/id/LC_MESSAGES/messages.po").open("rb") as f:
        catalog = read_po(f, locale="id")
    translated = set()
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if all(strings):
            translated.add(message.id if isinstance(message.id, str) else message.id[0])
    missing = sorted(wanted - translated)
    assert not missing, "untranslated (run `make i18n-extract`, fill msgstr): " + "; ".join(missing[:20])
