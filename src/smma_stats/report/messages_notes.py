"""Catalogue entries for the set-up notes, the sample data and conflicting tests.

Merged into :data:`smma_stats.report.messages.EN` / ``ID``; kept apart so the
main catalogue stays readable. ``note_<key>`` renders a
:class:`smma_stats.notes.Note` with that key (``note_<key>_part`` one element
of a list parameter).
"""

from __future__ import annotations

#: The reference study of the shipped sample, as its article prints it. The
#: article text names no journal, volume, pages or DOI.
SAMPLE_CITATION = ("Tarigan, A. F., & Pangestuti, N. (2025). The influence of social media "
                   "marketing activities (SMMA) on the purchase interest in services and "
                   "products created by inmates. Program Studi Manajemen Pemasyarakatan, "
                   "Politeknik Ilmu Pemasyarakatan, Indonesia")

#: SHA-256 of ``data/sample/smma_responses.csv``, the synthetic sample shipped
#: with the project (a test checks it against the file).
SAMPLE_SHA256 = "f9235b984774db67700a1d6d64167c46b4b9fe4de24b035c0ea76f3758e5cd18"

NOTES_EN: dict[str, str] = {
    # set-up notes (cli, instrument inference)
    "note_instrument": "Instrument: {name}.",
    "note_instrument_shipped": "Instrument: {name} (shipped with smma_stats; its item columns "
                               "match the file).",
    "note_inferred_file": "The instrument was inferred from the file.",
    "note_inferred_header": "The instrument was inferred from the column names (a large file: "
                            "the answers were not read for the inference).",
    "note_models_given": "Models from --model used instead of the instrument's: {models}.",
    "note_no_models": "No models: no regression was run.",
    "note_models": "Models: {models}.",
    "note_models_none": "Models: none.",
    "note_models_none_one": "Models: none (one construct).",
    "note_construct_items": "Construct {code}: {k} items ({first}..{last}).",
    "note_constructs": "Constructs: {parts}.",
    "note_constructs_part": "{code} ({k} items)",
    "note_stray_question": "{question} looks like a scale question but stands alone: it was "
                           "left out of the constructs.",
    "note_reverse": "{item} was read as reverse-keyed (corrected item-total r = {r}).",
    "note_attention_check": "Attention check: the question {question} (expected answer: "
                            "{answer}).",
    "note_scale": "Scale: {min} to {max}.",
    "note_other_columns": "Other columns: {columns}.",
    "note_read_dimensions": "{spans} were read as the dimensions {names} of one construct "
                            "{letter} (--dimensions).",
    "note_read_constructs": "{spans} were read as {k} constructs {names}; use --dimensions to "
                            "read them as dimensions of {letter}.",
    # the shipped sample
    "sample_synthetic": "These are the synthetic sample data shipped with smma_stats, not the "
                        "answers of real respondents: they were generated so that the figures "
                        "published by Tarigan and Pangestuti (2025) come out again. The model "
                        "{article_model} is the one the article reports; {illustrations} the "
                        "article does not report: they are illustrations only. Reference: "
                        "{citation} (the article prints no journal name, volume, pages or "
                        "DOI).",
    "sample_illustration_one": "the model {models} is one",
    "sample_illustration_many": "the models {models} are ones",
    # normality: the two tests disagree
    "normality_disagree": "For {name} the two tests disagree (Kolmogorov-Smirnov {ks_p}; "
                          "Shapiro-Wilk {sw_p}). At n = {n}, report Shapiro-Wilk: it has more "
                          "power than the Kolmogorov-Smirnov (Lilliefors) test at small and "
                          "moderate n; the Kolmogorov-Smirnov result is shown because SPSS "
                          "theses print it.",
    "normality_sw_note": "Shapiro-Wilk is given beside it; it is not computed above n = 5000.",
    # conflicting verdicts on a regression coefficient
    "verdict_disagree": "For {term} the tests disagree: the classical t test gives {p_classic}, "
                        "{others}.",
    "verdict_hc3": "the HC3 test gives {p_hc3}",
    "verdict_boot_out": "the {level}% bootstrap interval ({low} to {high}) excludes 0",
    "verdict_boot_in": "the {level}% bootstrap interval ({low} to {high}) includes 0",
    "verdict_follow_hc3": "The decision follows the HC3 test, because constant error "
                          "variance, which the classical standard error assumes, is rejected "
                          "by {hetero}: {decision}",
    "verdict_follow_classic": "The decision follows the classical t test, because no "
                              "heteroscedasticity test rejects constant error variance: "
                              "{decision}",
    "verdict_follow_classic_hetero": "The decision follows the classical t test, the only one "
                                     "computed besides the bootstrap, although constant error "
                                     "variance is rejected by {hetero} (HC3 standard errors, "
                                     "option --robust, would suit these data better): "
                                     "{decision}",
    "verdict_boot_check": "The bootstrap interval is given as a check.",
    # simultaneous F test of a multiple regression (variants of f_yes / f_no)
    "f_yes_multiple": "H0 is rejected; the predictors together are significantly associated "
                      "with {dependent}: the model explains a significant share of its "
                      "variance.",
    "f_no_multiple": "H0 is not rejected; the predictors together show no significant "
                     "association with {dependent}.",
}

NOTES_ID: dict[str, str] = {
    "note_instrument": "Instrumen: {name}.",
    "note_instrument_shipped": "Instrumen: {name} (bawaan smma_stats; kolom butirnya sesuai "
                               "dengan berkas data).",
    "note_inferred_file": "Instrumen disusun dari isi berkas data.",
    "note_inferred_header": "Instrumen disusun dari nama kolom (berkas besar: jawaban tidak "
                            "dibaca untuk menyusunnya).",
    "note_models_given": "Model dari --model dipakai sebagai pengganti model instrumen: "
                         "{models}.",
    "note_no_models": "Tidak ada model: tidak ada regresi yang dihitung.",
    "note_models": "Model: {models}.",
    "note_models_none": "Model: tidak ada.",
    "note_models_none_one": "Model: tidak ada (hanya satu variabel).",
    "note_construct_items": "Variabel {code}: {k} butir ({first}..{last}).",
    "note_constructs": "Variabel: {parts}.",
    "note_constructs_part": "{code} ({k} butir)",
    "note_stray_question": "{question} tampak seperti pertanyaan berskala tetapi berdiri "
                           "sendiri: tidak dimasukkan ke variabel mana pun.",
    "note_reverse": "{item} dibaca sebagai butir negatif (unfavorable; korelasi butir-total "
                    "terkoreksi r = {r}).",
    "note_attention_check": "Butir pemeriksa perhatian: pertanyaan {question} (jawaban yang "
                            "diharapkan: {answer}).",
    "note_scale": "Skala: {min} sampai {max}.",
    "note_other_columns": "Kolom lain: {columns}.",
    "note_read_dimensions": "{spans} dibaca sebagai dimensi {names} dari satu variabel "
                            "{letter} (--dimensions).",
    "note_read_constructs": "{spans} dibaca sebagai {k} variabel {names}; gunakan --dimensions "
                            "untuk membacanya sebagai dimensi {letter}.",
    "sample_synthetic": "Data ini adalah data sampel sintetis yang disertakan dalam smma_stats, "
                        "bukan jawaban responden sungguhan: data dibangkitkan agar angka-angka "
                        "yang dipublikasikan oleh Tarigan dan Pangestuti (2025) diperoleh "
                        "kembali. Model {article_model} adalah model yang dilaporkan artikel "
                        "tersebut; {illustrations} tidak dilaporkan artikel dan hanya "
                        "berfungsi sebagai ilustrasi. Rujukan: {citation} (artikel tidak "
                        "mencantumkan nama jurnal, volume, halaman, maupun DOI).",
    "sample_illustration_one": "model {models}",
    "sample_illustration_many": "model {models}",
    "normality_disagree": "Untuk {name} kedua uji memberikan kesimpulan yang berbeda "
                          "(Kolmogorov-Smirnov {ks_p}; Shapiro-Wilk {sw_p}). Pada n = {n}, "
                          "laporkan Shapiro-Wilk: uji ini lebih kuat (daya uji lebih besar) "
                          "daripada uji Kolmogorov-Smirnov (Lilliefors) pada sampel kecil dan "
                          "sedang; hasil Kolmogorov-Smirnov ditampilkan karena skripsi yang "
                          "memakai SPSS lazim mencantumkannya.",
    "normality_sw_note": "Shapiro-Wilk dicantumkan di sebelahnya; uji ini tidak dihitung untuk "
                         "n di atas 5000.",
    "verdict_disagree": "Untuk {term} hasil uji berbeda: uji t klasik memberikan {p_classic}, "
                        "{others}.",
    "verdict_hc3": "uji HC3 memberikan {p_hc3}",
    "verdict_boot_out": "interval bootstrap {level}% ({low} sampai {high}) tidak memuat 0",
    "verdict_boot_in": "interval bootstrap {level}% ({low} sampai {high}) memuat 0",
    "verdict_follow_hc3": "Keputusan mengikuti uji HC3, karena asumsi varians galat yang "
                          "konstan, yang diandaikan oleh galat baku klasik, ditolak oleh "
                          "{hetero}: {decision}",
    "verdict_follow_classic": "Keputusan mengikuti uji t klasik, karena tidak ada uji "
                              "heteroskedastisitas yang menolak asumsi varians galat yang "
                              "konstan: {decision}",
    "verdict_follow_classic_hetero": "Keputusan mengikuti uji t klasik, satu-satunya uji yang "
                                     "dihitung selain bootstrap, walaupun asumsi varians galat "
                                     "yang konstan ditolak oleh {hetero} (galat baku HC3, opsi "
                                     "--robust, lebih sesuai untuk data ini): {decision}",
    "verdict_boot_check": "Interval bootstrap dicantumkan sebagai pembanding.",
    "f_yes_multiple": "H0 ditolak; variabel independen secara simultan (bersama-sama) "
                      "berhubungan signifikan dengan {dependent}: model regresi menjelaskan "
                      "bagian yang signifikan dari variasinya.",
    "f_no_multiple": "H0 tidak ditolak; variabel independen secara simultan (bersama-sama) "
                     "tidak berhubungan signifikan dengan {dependent}.",
}
