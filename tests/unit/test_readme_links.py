"""The README is a short front door, and every relative link in it and in docs/ resolves.

Anchors follow GitHub's rules: the heading's text, lower-cased, with punctuation dropped
and spaces turned into hyphens; a repeated heading gets -1, -2, ….
"""

import re
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
DOCS = sorted((ROOT / "docs").glob("*.md"))

FENCE = re.compile(r"^\s*(```|~~~)")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
CODE_SPAN = re.compile(r"`+[^`]*`+")
LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


def _prose_lines(text: str):
    """Lines outside fenced code blocks."""
    fenced = False
    for line in text.splitlines():
        if FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            yield line


def slug(heading: str) -> str:
    """GitHub's anchor for a heading's markdown text."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link shows its text
    text = text.replace("`", "")
    text = re.sub(r"(\*\*|__|\*|\b_|_\b)", "", text)  # emphasis markers
    kept = []
    for ch in text.lower():
        category = unicodedata.category(ch)
        if ch in " -" or category[0] in "LNM" or category == "Pc":
            kept.append(ch)
    return "".join(kept).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    seen: dict[str, int] = {}
    found = set()
    for line in _prose_lines(path.read_text(encoding="utf-8")):
        match = HEADING.match(line)
        if not match:
            continue
        base = slug(match.group(2))
        count = seen.get(base, 0)
        seen[base] = count + 1
        found.add(base if count == 0 else f"{base}-{count}")
    return found


def relative_links(path: Path) -> list[str]:
    links = []
    for line in _prose_lines(path.read_text(encoding="utf-8")):
        for match in LINK.finditer(CODE_SPAN.sub("", line)):
            target = match.group(1)
            if not SCHEME.match(target):
                links.append(target)
    return links


def broken_links(path: Path) -> list[str]:
    broken = []
    for target in relative_links(path):
        file_part, _, anchor = target.partition("#")
        dest = (path.parent / file_part).resolve() if file_part else path
        if not dest.exists():
            broken.append(f"{target}: no file {dest}")
        elif anchor and dest.suffix == ".md" and anchor not in anchors(dest):
            broken.append(f"{target}: no heading #{anchor} in {dest.name}")
    return broken


def test_readme_is_a_short_front_door():
    lines = README.read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 200, f"README.md has {len(lines)} lines"
    text = "\n".join(lines)
    assert "make run" in text
    assert "make test" in text


def test_docs_exist_and_readme_links_every_guide():
    assert DOCS, "docs/*.md is empty"
    linked = {(README.parent / t.partition("#")[0]).resolve() for t in relative_links(README)}
    assert not [d.name for d in DOCS if d.resolve() not in linked]


@pytest.mark.parametrize("path", [README, *DOCS], ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_relative_link_resolves(path):
    assert relative_links(path), f"{path.name} links nowhere"
    assert broken_links(path) == []


@pytest.mark.parametrize(
    ("heading", "anchor"),
    [
        ("Messages to sellers: WhatsApp, web push, e-mail, escalation",
         "messages-to-sellers-whatsapp-web-push-e-mail-escalation"),
        ("Checking the books: `flask money check`", "checking-the-books-flask-money-check"),
        ("For sellers (`/penjual`)", "for-sellers-penjual"),
        ("Testing without Stripe's servers", "testing-without-stripes-servers"),
        ("Xendit: QRIS, virtual accounts and e-wallets", "xendit-qris-virtual-accounts-and-e-wallets"),
        ("Pages → Kue_basah **baru**", "pages--kue_basah-baru"),
    ],
)
def test_slug_follows_github(heading, anchor):
    assert slug(heading) == anchor


def test_a_broken_link_or_anchor_is_reported(tmp_path):
    (tmp_path / "other.md").write_text("# Other\n\n## Real heading\n\n## Real heading\n")
    page = tmp_path / "page.md"
    page.write_text(
        "# Page\n\n[ok](other.md#real-heading) [dup](other.md#real-heading-1) [self](#page)\n"
        "[gone](missing.md) [bad](other.md#no-such) [web](https://example.com/x.md)\n"
        "```\n[in code](nowhere.md)\n```\n`[span](nowhere.md)`\n"
    )
    assert broken_links(page) == [
        f"missing.md: no file {tmp_path / 'missing.md'}",
        "other.md#no-such: no heading #no-such in other.md",
    ]
