"""Write the Google Forms-style fixtures tests/data/forms_*.csv (deterministic).

Run from the repository root: ``python tests/data/make_forms_fixtures.py``.
Answers come from a small factor model (seeded), so the constructs hang
together and Y depends on the X constructs; each file has a timestamp and
respondent details, one reverse-keyed item, an attention check, a few
blank answers and one duplicated submission.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

HERE = Path(__file__).parent
LABELS_ID = {1: "Sangat Tidak Setuju", 2: "Tidak Setuju", 3: "Ragu-ragu", 4: "Setuju",
             5: "Sangat Setuju"}
LABELS_SHORT = {1: "STS", 2: "TS", 3: "N", 4: "S", 5: "SS"}
CHECK = "Untuk pertanyaan ini, pilih Setuju"


def _latent(rng, n):
    x1 = rng.normal(size=n)
    x2 = 0.4 * x1 + np.sqrt(1 - 0.16) * rng.normal(size=n)
    y = 0.45 * x1 + 0.35 * x2 + 0.7 * rng.normal(size=n)
    return {"X1": x1, "X2": x2, "Y": y / y.std()}


def _answers(rng, z, k, reverse=()):
    """k items of latent z on 1..5; columns listed in ``reverse`` are reverse-keyed."""
    cols = []
    for j in range(k):
        v = np.clip(np.rint(3.3 + 0.95 * (0.8 * z + 0.6 * rng.normal(size=len(z)))), 1, 5)
        cols.append((6 - v if j in reverse else v).astype(int))
    return cols


def _respondents(rng, n):
    stamps = [f"3/{1 + i // 20}/2024 {9 + i % 10}:{(7 * i) % 60:02d}:{(13 * i) % 60:02d}"
              for i in range(n)]
    gender = rng.choice(["Laki-laki", "Perempuan"], size=n)
    age = rng.integers(18, 26, size=n)
    return stamps, gender, age


def _finish(rng, rows, item_cols, n_blank=4):
    """Blank a few answers and duplicate one submission (new timestamp)."""
    for r, c in zip(rng.choice(len(rows), n_blank, replace=False),
                    rng.choice(item_cols, n_blank)):
        rows[r][c] = ""
    dup = list(rows[10])
    dup[0] = rows[10][0][:-2] + "59"
    rows.insert(41, dup)
    return rows


def _check_answers(rng, n):
    out = np.array(["Setuju"] * n, dtype=object)
    out[rng.choice(n, 3, replace=False)] = ["Sangat Setuju", "Tidak Setuju", "Ragu-ragu"]
    return out


def grid(path, n=80, seed=11):
    """Grid questions `Var [question]`, Indonesian labels with Ragu-ragu; the third
    Kualitas Produk item is reverse-keyed."""
    rng = np.random.default_rng(seed)
    z = _latent(rng, n)
    qp = ["Produk awet dipakai", "Kemasan produk rapi", "Produk mudah rusak",
          "Kualitas sesuai harapan", "Bahan produk baik"]
    hg = ["Harga terjangkau", "Harga sesuai kualitas", "Harga bersaing", "Ada potongan harga"]
    kp = ["Saya yakin membeli", "Saya membeli karena kebutuhan", "Saya akan membeli lagi",
          "Saya merekomendasikan produk ini"]
    header = (["Timestamp", "Nama", "Jenis Kelamin", "Usia"]
              + [f"Kualitas Produk [{q}]" for q in qp] + [f"Harga [{q}]" for q in hg]
              + [CHECK] + [f"Keputusan Pembelian [{q}]" for q in kp])
    cols = (_answers(rng, z["X1"], 5, reverse={2}) + _answers(rng, z["X2"], 4))
    cols = [[LABELS_ID[v] for v in c] for c in cols]
    ys = [[LABELS_ID[v] for v in c] for c in _answers(rng, z["Y"], 4)]
    stamps, gender, age = _respondents(rng, n)
    names = [f"Responden {i + 1}" for i in range(n)]
    check = _check_answers(rng, n)
    rows = [[stamps[i], names[i], gender[i], str(age[i]), *(c[i] for c in cols), check[i],
             *(c[i] for c in ys)] for i in range(n)]
    _write(path, header, _finish(rng, rows, list(range(4, 13))))


def numbered(path, n=90, seed=22):
    """Headers numbered as theses code items: X1.1..X1.5, X2.1..X2.4, Y1..Y5, with the
    question after the code; short labels STS..SS; Y4 is reverse-keyed."""
    rng = np.random.default_rng(seed)
    z = _latent(rng, n)
    x1 = [f"X1.{j} Konten Instagram {w}" for j, w in
          enumerate(["menarik", "informatif", "menghibur", "terbaru", "kreatif"], 1)]
    x2 = [f"X2.{j} Admin {w}" for j, w in
          enumerate(["cepat membalas", "ramah", "membantu", "jelas"], 1)]
    y = [f"Y{j}. Saya {w}" for j, w in
         enumerate(["berminat membeli", "mencari informasi produk", "mengajak teman membeli",
                    "tidak tertarik membeli", "memilih merek ini"], 1)]
    header = ["Timestamp", "Jenis Kelamin", "Usia", *x1, *x2, CHECK, *y]
    cols = _answers(rng, z["X1"], 5) + _answers(rng, z["X2"], 4)
    ys = _answers(rng, z["Y"], 5, reverse={3})
    stamps, gender, age = _respondents(rng, n)
    check = _check_answers(rng, n)
    rows = [[stamps[i], gender[i], str(age[i]), *(LABELS_SHORT[c[i]] for c in cols),
             check[i], *(LABELS_SHORT[c[i]] for c in ys)] for i in range(n)]
    _write(path, header, _finish(rng, rows, list(range(3, 12))))


def sections(path, n=70, seed=33):
    """Questions numbered 1..10 without section prefixes (two Google Forms sections,
    the attention check between them); answers are linear-scale codes 1..5; question 2
    is reverse-keyed."""
    rng = np.random.default_rng(seed)
    z = _latent(rng, n)
    xq = ["Harga terjangkau, sesuai kualitas", "Harga terlalu mahal untuk mahasiswa",
          "Harga bersaing dengan toko lain", "Harga sesuai manfaat", "Diskon menarik"]
    yq = ["Saya puas berbelanja di sini", "Saya akan kembali berbelanja",
          "Pelayanan sesuai harapan saya", "Saya merekomendasikan toko ini"]
    header = (["Timestamp", "Nama", "Jenis Kelamin", "Usia"]
              + [f"{j}. {q}" for j, q in enumerate(xq, 1)] + ["Pilih Setuju untuk pertanyaan ini"]
              + [f"{j}. {q}" for j, q in enumerate(yq, 6)])
    cols = _answers(rng, z["X1"], 5, reverse={1})
    ys = _answers(rng, 0.6 * z["X1"] + 0.8 * rng.normal(size=n), 4)
    stamps, gender, age = _respondents(rng, n)
    check = np.where(rng.random(n) < 0.95, "4", "2")
    rows = [[stamps[i], f"R{i + 1}", gender[i], str(age[i]), *(str(c[i]) for c in cols),
             check[i], *(str(c[i]) for c in ys)] for i in range(n)]
    _write(path, header, _finish(rng, rows, list(range(4, 9)), n_blank=3))


def _write(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


if __name__ == "__main__":
    grid(HERE / "forms_grid.csv")
    numbered(HERE / "forms_numbered.csv")
    sections(HERE / "forms_sections.csv")
