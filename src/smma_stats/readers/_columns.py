"""Finding each item's column, and the attention check's: by id, by the
instrument's ``columns:`` mapping, or by wording.

Survey platforms (Google Forms, Microsoft Forms, SurveyMonkey) head each
column with the question itself, often numbered ("1. Kontennya menarik") or,
for a grid question, as "Title [row text]". A header is tried against an
item's id, then its Indonesian and English wording, all compared after
normalising case, spacing and punctuation.
"""

from __future__ import annotations

import re
import unicodedata

from ..errors import MAX_MESSAGE, ResponseError, printable
from ..instrument import Instrument
from ._common import short

# "1. ", "1) ", "12 ", "X1.1 ", "X1.1. ", "Q3: " before the question text
_NUMBERING_RE = re.compile(r"^\s*[A-Za-z]{0,4}\s?\d+(?:[._]\d+)*(?:\s*[.):\-]|\s)\s*(?=\S)")
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
    ids = instrument.item_ids
    out = {i: i for i in ids if i in headers}
    taken = set(out.values())
    wording = {it.id: _wording(it.text, it.text_en) for it in instrument.items.values()}
    for hits_of in _passes(headers, labels or {}, _mapped(instrument), wording):
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


def match_attention(headers: list[str], instrument: Instrument, path,
                    labels: dict | None = None) -> str | None:
    """The header of the instrument's attention-check question, or None.

    ``headers`` are the columns left once the items have theirs. The check
    is found as an item is (see :func:`match_columns`): its id (``column``)
    as the header, the ``columns:`` mapping, the id apart from case,
    spacing and punctuation, then its wording (``text`` in either language,
    or the ``column`` itself when it is the question) as the whole header,
    after a leading number or inside square brackets.

    Raises
    ------
    ResponseError
        The first pass that finds the check finds it in several columns.
    """
    hits = _attention_hits(headers, instrument, labels or {})
    if len(hits) > 1:
        key = instrument.attention_check["column"]
        raise ResponseError(f"the attention check {short(key, 60)!r} matches several "
                            f"columns: {', '.join(repr(short(h, 60)) for h in hits)}; map "
                            f"the right one to {short(key, 60)!r} in the instrument's "
                            "columns: mapping", path)
    return hits[0] if hits else None


def _attention_hits(headers: list[str], instrument: Instrument, labels: dict) -> list[str]:
    """The headers the first matching pass finds for the attention check."""
    check = instrument.attention_check
    if not check:
        return []
    key = check["column"]
    if key in headers:
        return [key]
    wording = {key: _wording(key, check.get("text"), check.get("text_en"))}
    for hits_of in _passes(headers, labels, _mapped(instrument), wording):
        hits = [h for h in headers if hits_of(key, h)]
        if hits:
            return hits
    return []


def _mapped(instrument: Instrument) -> dict[str, set[str]]:
    """Id -> the normalised headers the ``columns:`` mapping gives it."""
    mapped: dict[str, set[str]] = {}
    for header, key in instrument.columns.items():
        mapped.setdefault(key, set()).add(normalise(header))
    return mapped


def _wording(*texts) -> set[str]:
    return {normalise(t) for t in texts if t} - {""}


def _passes(headers: list[str], labels: dict, mapped: dict, wording: dict) -> tuple:
    """The matching passes after the exact id, in order; each tests ``(id, header)``."""
    forms = {h: _header_forms(h, labels.get(h)) for h in headers}
    norm = {h: normalise(h) for h in headers}
    return (
        lambda key, h: norm[h] in mapped.get(key, ()),
        lambda key, h: fold(h) == fold(key),
        lambda key, h: normalise(key) in forms[h][0],
        lambda key, h: bool(wording[key] & forms[h][1]),
    )


def absent_error(headers: list[str], instrument: Instrument, columns: dict, absent: list,
                 path, kind: str, first: str | None = None) -> ResponseError:
    """The one-line error for items without a column, with what may explain it."""
    budget = MAX_MESSAGE - (min(len(printable(path)), 100) + 2 if path else 0)
    if kind == "text" and len(headers) == 1:
        tail = f" (headers: {short(headers[0], 40)}); " + _delimiter_hint(headers[0], first)
    else:
        stray = stray_questions(headers, set(columns.values()), instrument)
        tail = ""
        if stray:
            tail = ("; column(s) that look like questions but match no item's wording: "
                    + ", ".join(repr(short(h, 50)) for h in stray[:3])
                    + (", ..." if len(stray) > 3 else ""))
    lead = _absent_lead(instrument, absent, budget - len(tail) - 40)
    if kind == "text" and len(headers) == 1:
        return ResponseError(lead + tail, path)
    # the headers shown are as many as the one-line message has room for
    room = budget - len(lead) - len(tail) - len(" (headers: , ...)")
    shown: list[str] = []
    for h in headers:
        piece = short(h, 40)
        if sum(len(p) + 2 for p in shown) + len(piece) > room:
            break
        shown.append(piece)
    listed = ", ".join(shown) + (", ..." if len(shown) < len(headers) else "")
    return ResponseError(f"{lead} (headers: {listed}){tail}", path)


def _absent_lead(instrument: Instrument, absent: list, width: int) -> str:
    """"no column for item(s) ..." naming the items, with wording while there is room."""
    items = instrument.items
    end = f" of instrument {short(instrument.name, 40)!r}"
    named: list[str] = []
    for k, i in enumerate(absent):
        text = items[i].text or items[i].text_en
        worded = f"{short(i, 30)} ({short(text, 50)!r})" if text and k < _WORDED else None
        used = sum(len(n) + 2 for n in named) + len(end)
        if worded and used + len(worded) <= width:
            named.append(worded)
        elif used + len(i) <= width:
            named.append(short(i, 30))
        else:
            named.append(f"and {len(absent) - k} more" if named else short(i, 30))
            break
    return f"no column for item(s) {', '.join(named)}{end}"


def stray_questions(headers: list[str], taken: set[str], instrument: Instrument) -> list[str]:
    """Free headers that read like a question, when the instrument has wording to match."""
    if not any(it.text or it.text_en for it in instrument.items.values()):
        return []
    free = [h for h in headers if h not in taken]
    skip = set(_attention_hits(free, instrument, {}))
    return [h for h in free if h not in skip and _looks_like_question(h)]


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
    lead = f"the file was read as one column headed {short(header, 60)!r}"
    if shown:
        lead += f" (its {'header' if text is header else 'first row'} is split by {shown}?)"
    return lead + "; separate the columns with a comma, semicolon, tab or |"
