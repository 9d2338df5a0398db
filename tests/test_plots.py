"""Figures of a study: file names, PNG validity, captions, drawn values, writing."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from smma_stats.errors import SmmaError
from smma_stats.report.document import Figure
from smma_stats.report.plots import (
    _WORDS,
    DPI,
    FIGSIZE,
    _draw_categories,
    _draw_histogram,
    _draw_qq,
    _draw_scatter,
    _equation,
    make_figures,
    qq_points,
    slugify,
    write_figures,
)

SRC = Path(__file__).resolve().parents[1] / "src"

EXPECTED_NAMES = [
    "categories_SMMA.png", "categories_PI.png", "scatter_PI_SMMA.png",
    "residual_hist_1.png", "residual_pp_1.png", "residual_qq_1.png",
    "residual_zpred_sresid_1.png",
    "residual_hist_2.png", "residual_pp_2.png", "residual_qq_2.png",
    "residual_zpred_sresid_2.png",
]
EXPECTED_ANCHORS = ["categories:SMMA", "categories:PI", "model:1"] + [
    f"assumptions:{i}" for i in (1, 2) for _ in range(4)]


@pytest.fixture(scope="module")
def figures_en(sample_study):
    return make_figures(sample_study, lang="en")


@pytest.fixture(scope="module")
def figures_id(sample_study):
    return make_figures(sample_study, lang="id")


def _mpl_figure():
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure as MplFigure

    fig = MplFigure(figsize=FIGSIZE, dpi=DPI)
    FigureCanvasAgg(fig)
    return fig


def test_every_expected_figure_is_made(figures_en):
    assert [f.name for f in figures_en] == EXPECTED_NAMES
    assert all(isinstance(f, Figure) for f in figures_en)
    # the section each figure goes in: its construct, its model, its model's assumptions
    assert [f.anchor for f in figures_en] == EXPECTED_ANCHORS


def test_figures_are_png_images_of_the_fixed_size(figures_en):
    from matplotlib.image import imread

    width, height = round(FIGSIZE[0] * DPI), round(FIGSIZE[1] * DPI)
    for fig in figures_en:
        assert fig.png.startswith(b"\x89PNG\r\n\x1a\n"), fig.name
        pixels = imread(io.BytesIO(fig.png), format="png")
        assert pixels.shape[:2] == (height, width), fig.name
        # not a blank canvas: something dark was drawn
        assert pixels[..., :3].min() < 0.3, fig.name


def test_output_is_deterministic_and_carries_no_software_stamp(sample_study, figures_en):
    import types

    # one figure drawn twice in fresh runs: the same bytes
    small = types.SimpleNamespace(instrument=sample_study.instrument, models=(), scores=None,
                                  categories={"PI": sample_study.categories["PI"]})
    (again,) = make_figures(small, lang="en")
    assert again.png == figures_en[1].png
    for fig in figures_en:
        assert b"Software" not in fig.png
        assert b"matplotlib" not in fig.png.lower()


def test_indonesian_captions_differ_from_english(figures_en, figures_id):
    assert [f.name for f in figures_id] == [f.name for f in figures_en]
    for en, id_ in zip(figures_en, figures_id):
        assert en.caption and id_.caption
        assert en.caption != id_.caption, en.name
        assert en.png != id_.png, en.name  # axis labels are translated too
    assert figures_id[0].caption == "Kategori Aktivitas pemasaran media sosial (SMMA) (n = 60)"
    assert figures_en[0].caption == "Categories of Social media marketing activities (SMMA) (n = 60)"
    assert "PI ~ SMMA" in figures_en[3].caption and "model 1" in figures_en[3].caption
    assert figures_id[2].caption == ("Diagram pencar Minat beli (PI) terhadap Aktivitas pemasaran "
                                     "media sosial (SMMA) dengan garis regresi")
    assert figures_id[4].caption == ("Grafik normal P-P residual terstandar regresi model 1 "
                                     "(variabel terikat: Minat beli (PI))")
    assert figures_en[6].caption.startswith("Scatterplot of the studentized residual (SRESID) "
                                            "against the standardized predicted value (ZPRED)")


def test_both_languages_define_the_same_words():
    assert set(_WORDS["en"]) == set(_WORDS["id"])


def test_unknown_language_is_a_clear_error(sample_study):
    with pytest.raises(SmmaError, match="unknown language 'fr'"):
        make_figures(sample_study, lang="fr")


def test_category_bars_show_the_counts_and_percents(sample_study):
    cat = sample_study.categories["SMMA"]
    fig = _mpl_figure()
    _draw_categories(fig, cat, _WORDS["en"])
    ax = fig.axes[0]
    heights = [p.get_height() for p in ax.patches]
    assert heights == [int(c) for c in cat.table["count"]]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Low", "Medium", "High"]
    labels = [t.get_text() for t in ax.texts]
    expected = [f"{int(c)} ({p:.1f}%)" for c, p in zip(cat.table["count"], cat.table["percent"])]
    assert labels == expected
    assert sum(heights) == sample_study.n


def test_standard_category_labels_follow_the_figure_language(sample_study):
    cat = sample_study.categories["PI"]
    fig = _mpl_figure()
    _draw_categories(fig, cat, _WORDS["id"])
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["Rendah", "Sedang", "Tinggi"]


def test_custom_category_labels_are_kept():
    import types

    table = pd.DataFrame({"category": ["Kurang", "Cukup", "Baik"], "count": [1, 2, 3],
                          "percent": [100 / 6, 200 / 6, 50.0]})
    cat = types.SimpleNamespace(table=table, lang="en")
    fig = _mpl_figure()
    _draw_categories(fig, cat, _WORDS["en"])
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Kurang", "Cukup", "Baik"]
    assert [t.get_text() for t in ax.texts] == ["1 (16.7%)", "2 (33.3%)", "3 (50.0%)"]


def test_scatter_draws_the_data_and_the_fitted_line(sample_study):
    reg = sample_study.models[0].regression
    scores = sample_study.scores
    fig = _mpl_figure()
    _draw_scatter(fig, reg, scores, _WORDS["en"])
    ax = fig.axes[0]
    offsets = ax.collections[0].get_offsets()
    np.testing.assert_array_equal(offsets[:, 0], scores["SMMA"])
    np.testing.assert_array_equal(offsets[:, 1], scores["PI"])
    b0, b1 = reg.coefficients["b"].iloc[0], reg.coefficients["b"].iloc[1]
    xs, ys = ax.lines[0].get_data()
    assert list(xs) == [scores["SMMA"].min(), scores["SMMA"].max()]
    np.testing.assert_allclose(ys, b0 + b1 * np.asarray(xs))
    # the fitted line passes through the fitted values of the regression
    np.testing.assert_allclose(b0 + b1 * scores["SMMA"].to_numpy(), reg.fitted, atol=1e-9)
    assert _equation("PI", "SMMA", b0, b1) in ax.texts[0].get_text()


def test_equation_text():
    assert _equation("PI", "SMMA", 5.1234, 0.4567) == "PI = 5.123 + 0.457 SMMA"
    assert _equation("Y", "X", -1.0, -0.25) == "Y = -1.000 − 0.250 X"


def test_histogram_curve_is_the_normal_density_scaled_to_counts():
    rng = np.random.default_rng(3)
    resid = rng.normal(scale=2.0, size=80)
    fig = _mpl_figure()
    _draw_histogram(fig, resid, _WORDS["en"])
    ax = fig.axes[0]
    bars = ax.patches
    assert sum(p.get_height() for p in bars) == 80
    width = bars[0].get_width()
    xs, ys = ax.lines[0].get_data()
    sd = resid.std(ddof=1)
    # the standard library's NormalDist as the independent density: mean 0, residual SD
    from statistics import NormalDist

    pdf = np.array([NormalDist(0.0, sd).pdf(x) for x in xs])
    np.testing.assert_allclose(ys, pdf * 80 * width, rtol=1e-12)
    # the curve covers the bars and holds (nearly) all of the n * width area
    assert xs.min() <= bars[0].get_x() and xs.max() >= bars[-1].get_x() + width
    area = np.trapezoid(ys, xs) if hasattr(np, "trapezoid") else np.trapz(ys, xs)
    assert area == pytest.approx(80 * width, rel=1e-3)


def test_qq_points_use_blom_positions():
    # R 4.x: qqnorm(c(3, 1, 2, 5, 4))$x  (ppoints uses a = 3/8 for n <= 10)
    r_qqnorm = [0.000000000000000, -1.179761117611860, -0.497200570681554,
                1.179761117611860, 0.497200570681554]
    z, observed = qq_points([3, 1, 2, 5, 4])
    np.testing.assert_allclose(z, sorted(r_qqnorm), atol=1e-13)
    assert observed.tolist() == [1, 2, 3, 4, 5]
    # R 4.x: qnorm((1:12 - 0.375) / 12.25)
    r_blom12 = [-1.635039266801711, -1.113937215356688, -0.791638607743375,
                -0.536176266365806, -0.311919054820325, -0.102490507691451]
    z12, _ = qq_points(np.arange(12.0))
    np.testing.assert_allclose(z12[:6], r_blom12, atol=1e-13)
    np.testing.assert_allclose(z12[6:], -np.array(r_blom12[::-1]), atol=1e-13)


def test_qq_plot_draws_the_sorted_residuals(sample_study):
    resid = sample_study.models[0].regression.residuals
    fig = _mpl_figure()
    _draw_qq(fig, np.asarray(resid), _WORDS["en"])
    offsets = fig.axes[0].collections[0].get_offsets()
    z, observed = qq_points(resid)
    np.testing.assert_allclose(offsets[:, 0], z)
    np.testing.assert_allclose(offsets[:, 1], observed)


@pytest.mark.parametrize("text, slug", [
    ("SMMA", "SMMA"),
    ("PI ~ entertainment + interaction", "PI_entertainment_interaction"),
    ("a/b\\c:d*e?f\"g<h>i|j", "a_b_c_d_e_f_g_h_i_j"),
    ("Minat beli (Y)", "Minat_beli_Y"),
    ("..", "figure"),
    ("Kepuasan—pelanggan", "Kepuasan_pelanggan"),
])
def test_slugify_makes_portable_file_names(text, slug):
    assert slugify(text) == slug


def test_write_figures_creates_the_directory_and_writes_every_file(tmp_path, figures_en):
    target = tmp_path / "out" / "plots"
    paths = write_figures(figures_en, target)
    assert [p.name for p in paths] == EXPECTED_NAMES
    for path, fig in zip(paths, figures_en):
        assert path.parent == target
        assert path.read_bytes() == fig.png
    assert sorted(os.listdir(target)) == sorted(EXPECTED_NAMES)  # no temp files left


def test_write_figures_replaces_existing_files(tmp_path):
    old = Figure("a.png", "old", b"old bytes")
    new = Figure("a.png", "new", b"new bytes")
    write_figures([old], tmp_path)
    (path,) = write_figures([new], tmp_path)
    assert path.read_bytes() == b"new bytes"
    assert os.listdir(tmp_path) == ["a.png"]


def test_write_figures_reports_an_unusable_directory(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(SmmaError, match="figure directory"):
        write_figures([Figure("a.png", "c", b"x")], blocker / "sub")


def test_importing_plots_does_not_import_matplotlib():
    code = ("import sys, smma_stats, smma_stats.report.plots\n"
            "print('matplotlib' in sys.modules)")
    env = dict(os.environ, PYTHONPATH=str(SRC))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, check=True)
    assert out.stdout.strip() == "False"


# --- the SPSS residual figures, names on the axes, legends off the data --------------

def _drawn(figure_png_name, sample_study, lang="en"):
    """Redraw one figure of the sample study and return its matplotlib axes."""
    from smma_stats.report.plots import _residual_figures

    out = {}

    def add(stem, caption, draw, anchor=None):
        fig = _mpl_figure()
        draw(fig)
        out[stem] = fig

    model = sample_study.models[0]
    _residual_figures(add, 1, model, sample_study.scores, _WORDS[lang], lambda c: c)
    return out[figure_png_name].axes[0]


def test_pp_plot_draws_spss_points_and_the_diagonal(sample_study):
    from smma_stats.residual_diagnostics import normal_pp_points, residual_diagnostics

    ax = _drawn("residual_pp_1", sample_study)
    diag = residual_diagnostics(sample_study.models[0].regression, sample_study.scores)
    observed, expected = normal_pp_points(diag.table["zresid"])
    offsets = ax.collections[0].get_offsets()
    np.testing.assert_allclose(offsets[:, 0], observed)
    np.testing.assert_allclose(offsets[:, 1], expected)
    assert list(ax.lines[0].get_xdata()) == [0, 1] == list(ax.lines[0].get_ydata())
    assert ax.get_xlabel() == "Observed cumulative probability"
    assert ax.get_ylabel() == "Expected cumulative probability"
    assert ax.get_xlim() == (0.0, 1.0) and ax.get_ylim() == (0.0, 1.0)


def test_zpred_sresid_scatter_draws_the_diagnostics(sample_study):
    from smma_stats.residual_diagnostics import residual_diagnostics

    ax = _drawn("residual_zpred_sresid_1", sample_study)
    diag = residual_diagnostics(sample_study.models[0].regression, sample_study.scores)
    offsets = ax.collections[0].get_offsets()
    np.testing.assert_allclose(offsets[:, 0], diag.table["zpred"])
    np.testing.assert_allclose(offsets[:, 1], diag.table["sresid"])
    # ZPRED is standardized: mean 0, SD 1
    assert offsets[:, 0].mean() == pytest.approx(0, abs=1e-12)
    assert offsets[:, 0].std(ddof=1) == pytest.approx(1, rel=1e-12)
    assert "ZPRED" in ax.get_xlabel() and "SRESID" in ax.get_ylabel()


def test_scatter_axes_carry_the_construct_names(sample_study):
    reg = sample_study.models[0].regression
    fig = _mpl_figure()
    names = ("Aktivitas pemasaran media sosial (SMMA)", "Minat beli (PI)")
    _draw_scatter(fig, reg, sample_study.scores, _WORDS["id"], names)
    ax = fig.axes[0]
    assert (ax.get_xlabel(), ax.get_ylabel()) == names


@pytest.mark.parametrize("draw", ["histogram", "scatter"])
def test_legends_sit_above_the_plot_area(sample_study, draw):
    fig = _mpl_figure()
    if draw == "histogram":
        _draw_histogram(fig, np.asarray(sample_study.models[0].regression.residuals),
                        _WORDS["en"])
    else:
        _draw_scatter(fig, sample_study.models[0].regression, sample_study.scores,
                      _WORDS["en"])
    fig.canvas.draw()
    ax = fig.axes[0]
    legend = ax.get_legend().get_window_extent()
    area = ax.get_window_extent()
    # the legend is entirely above the axes, so it covers no bar and no point
    assert legend.y0 >= area.y1 - 0.5
    for text in ax.texts:  # the equation too
        assert text.get_window_extent().y0 >= area.y1 - 0.5


def test_numbers_in_figures_follow_the_decimal_separator(sample_study):
    cat = sample_study.categories["SMMA"]
    fig = _mpl_figure()
    _draw_categories(fig, cat, dict(_WORDS["id"], comma=True))
    labels = [t.get_text() for t in fig.axes[0].texts]
    assert labels == [f"{int(c)} ({p:.1f}%)".replace(".", ",")
                      for c, p in zip(cat.table["count"], cat.table["percent"])]
    assert _equation("PI", "SMMA", 5.1234, 0.4567, comma=True) == "PI = 5,123 + 0,457 SMMA"
    # the default follows the language; --decimal point overrides it
    comma_id = make_figures(sample_study, lang="id")[0].png
    point_id = make_figures(sample_study, lang="id", decimal="point")[0].png
    assert comma_id != point_id
