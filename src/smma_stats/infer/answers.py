"""Which columns hold answers on an agreement scale, and the codes of those answers.

A column is a questionnaire item when every answer in it is a label of the
agreement scale (Indonesian or English, full or abbreviated: "Sangat
Setuju", "SS", "Ragu-ragu", "Strongly agree"), a label with its number
("5 (Sangat Setuju)"), or a whole number from 0 to 10.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np

_PUNCT = re.compile(r"[\W_]+")

#: Agreement labels on the 5-point scale (compared without case and punctuation).
VOCABULARY = {
    1: ("Sangat Tidak Setuju", "STS", "Strongly disagree", "Sangat tidak sesuai"),
    2: ("Tidak Setuju", "TS", "Disagree", "Tidak sesuai"),
    3: ("Netral", "N", "Ragu-ragu", "RR", "Cukup Setuju", "CS", "Kurang Setuju", "KS",
        "Neutral", "Neither agree nor disagree", "Cukup sesuai", "Kurang sesuai"),
    4: ("Setuju", "S", "Agree", "Sesuai"),
    5: ("Sangat Setuju", "SS", "Strongly agree", "Sangat sesuai"),
}

#: Words of respondent-detail columns (a short header holding one is not an item).
ATTRIBUTE_WORDS = frozenset(["timestamp", "waktu", "tanggal", "date", "time", "email", "mail", "surel", "nama", "name", "gender", "kelamin", "sex", "usia", "umur", "age", "hp", "phone", "telepon", "telp", "whatsapp", "wa", "alamat", "address", "pekerjaan", "occupation", "pendidikan", "education", "kelas", "class", "nim", "npm", "angkatan", "semester", "jurusan", "prodi", "fakultas", "penghasilan", "pendapatan", "income", "saku", "domisili", "kota", "city", "provinsi", "status", "responden", "respondent", "id", "no", "nomor"])

_ATTENTION = re.compile(r"\b(?:pilih(?:lah)?|jawab(?:lah)?|tandai|centang|choose|select|pick|"
                        r"mark|tick)\b\s+(?:jawaban\s+|opsi\s+|pilihan\s+|the\s+)?"
                        r"(?:answer\s+|option\s+)?(.+)$")


def norm(text) -> str:
    """Case, spacing and punctuation ignored: ``"Ragu-ragu"`` -> ``"ragu ragu"``."""
    text = unicodedata.normalize("NFKC", str(text)).casefold()
    return _PUNCT.sub(" ", text).strip()


_LOOKUP = {norm(t): v for v, texts in VOCABULARY.items() for t in texts}


def label_value(text: str) -> int | None:
    """The scale point a text names: a label, a number, or both ("5 (Sangat Setuju)")."""
    key = norm(text)
    if key in _LOOKUP:
        return _LOOKUP[key]
    if key.isdigit():
        return int(key)
    words = key.split()
    for left, right in ((words[:1], words[1:]), (words[-1:], words[:-1])):
        if left and left[0].isdigit() and " ".join(right) in _LOOKUP:
            if _LOOKUP[" ".join(right)] == int(left[0]):
                return int(left[0])
    return None


def is_attribute_header(header: str) -> bool:
    """A short header naming a respondent detail (Timestamp, Jenis Kelamin, Usia, ...)."""
    words = norm(header).split()
    return len(words) <= 4 and any(w in ATTRIBUTE_WORDS for w in words)


def attention_answer(header: str) -> int | None:
    """The scale point an instructed-response question asks for ("..., pilih Setuju")."""
    m = _ATTENTION.search(norm(header))
    if not m:
        return None
    words = m.group(1).split()
    for n in range(min(len(words), 6), 0, -1):
        if " ".join(words[:n]) in _LOOKUP:
            return _LOOKUP[" ".join(words[:n])]
    return None


def classify(cells) -> tuple[str, dict[str, int]] | None:
    """``("labels", {text seen: point})``, ``("codes", {})`` or None for a column.

    ``cells`` are the raw answers of one column (a pandas Series). Blank
    cells are ignored; a column with fewer than two distinct answers is not
    an item.
    """
    import pandas as pd

    values = cells.dropna()
    texts = {" ".join(str(v).split()) for v in values.unique()} - {""}
    if len(texts) < 2:
        return None
    if pd.api.types.is_numeric_dtype(values.dtype) and not pd.api.types.is_bool_dtype(
            values.dtype):
        arr = values.to_numpy(dtype=float)
        ok = np.all(arr == np.floor(arr)) and arr.min() >= 0 and arr.max() <= 10
        return ("codes", {}) if ok else None
    seen: dict[str, int] = {}
    for t in texts:
        v = label_value(t)
        if v is None or v > 10:
            return None
        if not norm(t).isdigit():
            seen[t] = v
    return ("labels", seen) if seen else ("codes", {})


def coded(cells) -> np.ndarray:
    """Float codes of one item column (NaN where blank or unreadable)."""
    out = np.full(len(cells), np.nan)
    for k, v in enumerate(cells.tolist()):
        if v is None or (isinstance(v, float) and np.isnan(v)):
            continue
        if isinstance(v, (int, float, np.integer, np.floating)):
            out[k] = float(v)
            continue
        p = label_value(v) if str(v).strip() else None
        if p is not None:
            out[k] = p
    return out


def corrected_item_total(x: np.ndarray) -> np.ndarray:
    """Corrected item-total correlation of each column of ``x`` (complete rows only).

    Examples
    --------
    The third item is worded the other way round:

    >>> x = np.array([[1, 2, 5, 2], [2, 2, 4, 3], [3, 4, 2, 3], [4, 5, 1, 5], [5, 4, 2, 4],
    ...               [4, 5, 1, 4.]])
    >>> corrected_item_total(x).round(4).tolist()
    [0.7211, 0.4174, -0.9619, 0.7873]
    """
    from ..moments import Moments, item_total_moments

    acc = Moments(x.shape[1])
    acc.add(x[~np.isnan(x).any(axis=1)])
    return item_total_moments(acc.mean, acc.cov())["r_corrected"]
