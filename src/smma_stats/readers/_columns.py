"""Finding each item's column: by id, by the instrument's ``columns:`` mapping, or by wording.

Survey platforms (Google Forms, Microsoft Forms, SurveyMonkey) head each
column with the question itself, often numbered ("1. Kontennya menarik") or,
for a grid question, as "Title [row text]". A header is tried against an
item's id, then its Indonesian and English wording, all compared after
normalising case, spacing and punctuation.
"""

from __future__ import annotations

import re
import unicodedata

from ..errors import ResponseError
from ..instrument import Instrument

# "1. ", "1) ", "12 ", "X1.1 ", "X1.1. ", "Q3: " before the question text
_NUMBERING_RE = re.compile(r"^\s*[A-Za-z]{0,4}\s?\d+(?:[._]\d+)*\s*(?:[.):\-]\s*|\s+)(?=\S)")
_BRACKET_RE = re.compile(r"\[([^\[\]]+)\]")
_PUNCT_RE = re.compile(r"[\W_]+")

#: Words of the usual respondent-detail columns: never reported as unmatched questions.
_ATTRIBUTE_WORDS = frozenset("""
    timestamp cap waktu tanggal date time email mail surel nama name gender kelamin sex
    usia umur age hp phone telepon telp whatsapp wa alamat address pekerjaan occupation
    pendidikan education kelas class nim npm angkatan semester jurusan prodi fakultas
    penghasilan pendapatan income uang saku domisili kota city provinsi status responden
    respondent id
""".split())


#: Items whose wording a missing-column error quotes; the rest by id only.
_WORDED = 5


def fold(text) -> str:
    """Case and runs of spaces ignored."""
    return " ".join(str(text).split()).casefold()


def normalise(text) -> str:
    """Case, spacing and punctuation ignored.

    ``"1. Saya SUKA—iklannya!"`` becomes ``"1 saya suka iklannya"``.
    """
    text = unicodedata.normalize("NFKC", str(text)).casefold()
    return _PUNCT_RE.sub(" ", text).strip()


def _header_forms(header: str, label: str | None) -> tuple[set[str], set[str]]:
    """(forms naming an id, forms carrying wording) of one header, normalised."""
    brackets = _BRACKET_RE.findall(header)
    ids = {normalise(header), *(normalise(b) for b in brackets)}
    texts = {normalise(header), normalise(_NUMBERING_RE.sub("", header, count=1))}
    texts |= {normalise(b) for b in brackets}
    if label:
        texts |= {normalise(label), normalise(_NUMBERING_RE.sub("", label, count=1))}
    texts.discard("")
    ids.discard("")
    return ids, texts


def match_columns(headers: list[str], instrument: Instrument, path,
                  labels: dict | None = None) -> tuple[dict, list]:
    """Item id -> header (instrument order), and the item ids without a column.

    Passes, each over the items and headers still free: the exact id; the
    ``columns:`` mapping; the id apart from case and spacing; the id apart
    from punctuation too, alone or in square brackets (``Pertanyaan
    [X1.1]``); the item's wording (``text`` or ``text_en``) as the whole
    header, after a leading number, inside square brackets, or as the
    column's own label (SPSS variable label).

    Raises
    ------
    ResponseError
        An item matches several columns, or a column several items, in the
        same pass.
    """
    labels = labels or {}
    ids = instrument.item_ids
    out = {i: i for i in ids if i in headers}
    taken = set(out.values())
    mapped: dict[str, set[str]] = {}
    for key, item in instrument.columns.items():
        mapped.setdefault(item, set()).add(normalise(key))
    wording = {}
    for item in instrument.items.values():
        texts = {normalise(t) for t in (item.text, item.text_en) if t}
        texts.discard("")
        wording[item.id] = texts
    forms = {h: _header_forms(h, labels.get(h)) for h in headers}
    norm = {h: normalise(h) for h in headers}
    passes = (
        lambda item, h: norm[h] in mapped.get(item, ()),
        lambda item, h: fold(h) == fold(item),
        lambda item, h: normalise(item) in forms[h][0],
        lambda item, h: bool(wording[item] & forms[h][1]),
    )
    for hits_of in passes:
        free = [h for h in headers if h not in taken]
        found: dict[str, list[str]] = {}
        for item in ids:
            if item in out:
                continue
            hits = [h for h in free if hits_of(item, h)]
            if len(hits) > 1:
                raise ResponseError(f"item {item!r} matches several columns: "
                                    f"{', '.join(map(repr, hits))}", path)
            if hits:
                found[item] = hits[0]
        by_header: dict[str, list[str]] = {}
        for item, h in found.items():
            by_header.setdefault(h, []).append(item)
        for h, items in by_header.items():
            if len(items) > 1:
                raise ResponseError(f"the column {h!r} matches several items: "
                                    f"{', '.join(items)}; name the item it holds in the "
                                    "instrument's columns: mapping", path)
        out.update(found)
        taken.update(found.values())
    return {i: out[i] for i in ids if i in out}, [i for i in ids if i not in out]


def absent_error(headers: list[str], instrument: Instrument, columns: dict, absent: list,
                 path, kind: str, first: str | None = None) -> ResponseError:
    """The one-line error for items without a column, with what may explain it."""
    items = instrument.items
    named = []
    for k, i in enumerate(absent):
        text = items[i].text or items[i].text_en
        # wording for the first few only, so a wholly wrong file still gives a short line
        named.append(f"{i} ({_short(text, 50)!r})" if text and k < _WORDED else i)
    shown = ", ".join(_short(h, 40) for h in headers[:15]) + (", ..." if len(headers) > 15
                                                            else "")
    message = (f"no column for item(s) {', '.join(named)} of instrument {instrument.name!r} "
               f"(headers: {shown})")
    if kind == "text" and len(headers) == 1:
        return ResponseError(message + "; " + _delimiter_hint(headers[0], first), path)
    stray = stray_questions(headers, set(columns.values()), instrument)
    if stray:
        message += ("; column(s) that look like questions but match no item's wording: "
                    + ", ".join(repr(_short(h, 60)) for h in stray))
    return ResponseError(message, path)


def stray_questions(headers: list[str], taken: set[str], instrument: Instrument) -> list[str]:
    """Free headers that read like a question, when the instrument has wording to match."""
    if not any(it.text or it.text_en for it in instrument.items.values()):
        return []
    skip = set()
    check = instrument.attention_check
    if isinstance(check, dict):
        cols = check.get("column", check.get("columns"))
        for c in ([cols] if isinstance(cols, str) else cols or []):
            skip.add(normalise(c))
    return [h for h in headers
            if h not in taken and normalise(h) not in skip and _looks_like_question(h)]


def _looks_like_question(header: str) -> bool:
    words = normalise(header).split()
    if len(words) <= 5 and _ATTRIBUTE_WORDS.intersection(words):
        return False
    return (len(words) >= 4 or header.rstrip().endswith("?")
            or bool(_BRACKET_RE.search(header)) or bool(_NUMBERING_RE.match(header)))


def _delimiter_hint(header: str, first: str | None) -> str:
    """Why a text file came out as one column, naming the separator it seems to use."""
    shown = None
    for text in (header, first or ""):
        marks = [c for c in text.strip() if not c.isalnum() and c not in "._-'\"()[]"]
        if marks:
            what = max(sorted(set(marks)), key=marks.count)
            shown = "a space" if what == " " else repr(what)
            break
    lead = f"the file was read as one column headed {_short(header, 60)!r}"
    if shown:
        lead += f" (its {'header' if text is header else 'first row'} is split by {shown}?)"
    return lead + "; separate the columns with a comma, semicolon, tab or |"


def _short(text: str, width: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[:width - 3].rstrip() + "..."
