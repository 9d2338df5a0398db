"""The replication notebook: it runs from a fresh kernel, from the repository
root and from ``notebooks/``, and reproduces every figure the reference study
publishes.

Published figures, as printed in Tarigan, A. F., & Pangestuti, N. (2025). The
influence of social media marketing activities (SMMA) on the purchase interest
in services and products created by inmates (101 respondents): Cronbach's
alpha 0.748 (SMMA) and 0.829 (purchase intention); every statement valid;
One-Sample Kolmogorov-Smirnov Asymp. Sig. 0.200; regression coefficient 1.484
with p-value 0.001; influence 70.8% (R Square); 89 of 101 (88.1%) high on
SMMA and 92 of 101 (91.1%) high on purchase intention.

The notebook is executed from a copy held in memory (the committed file is
never written), and its stored outputs are checked against the fresh run.

The illustrations after the regression part (PLS-SEM, mediation, moderation,
the Indonesian report and a Word file) have no published figure to meet. Their
key numbers are checked for sanity and, where a formula allows, recomputed here
with numpy from ``data/sample/smma_responses.csv``: Cronbach's alpha of a
two-item dimension on standardized items (2r / (1 + r), as SmartPLS and seminr
report it), the indirect effect a * b and the product term of the
mean-centred moderated regression (ordinary least squares).
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import re
from pathlib import Path

import numpy as np
import pytest

nbformat = pytest.importorskip("nbformat", reason="nbformat is needed to read the notebook")
nbclient = pytest.importorskip("nbclient", reason="nbclient is needed to run the notebook")

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "replication.ipynb"
KERNEL = "python3"

#: figure (the notebook's row label) -> the value as the article prints it
PUBLISHED = {
    "Cronbach's alpha, SMMA": "0.748",                  # article: alpha 0.748 for SMMA
    "Cronbach's alpha, PI": "0.829",                    # article: 0.829 for purchase intention
    "all items valid": "yes",                           # article: all statements valid
    "K-S Asymp. Sig., residuals": "0.200",              # article: Asymp. Sig value of 0.200
    "slope b": "1.484",                                 # article: regression coefficient 1.484
    "R Square": "0.708",                                # article: influence of 70.8%
    "SMMA in the high category": "88.1% (89 of 101)",   # article: 89 of 101 (88.1%)
    "PI in the high category": "91.1% (92 of 101)",     # article: 92 of 101 (91.1%)
    "slope p-value": "0.001",                           # article: p-value of 0.001
}

COMMITTED_SHA256 = hashlib.sha256(NOTEBOOK.read_bytes()).hexdigest()


def _require_kernel() -> None:
    """Skip, naming the reason, when no Jupyter kernel called python3 exists.

    jupyter_client provides ``python3`` itself (running this interpreter)
    whenever ipykernel can be imported, so an install of ``.[test]`` has it
    even where no kernelspec was ever written to disk.
    """
    try:
        from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
    except ImportError:
        pytest.skip("jupyter_client is not installed: pip install -e '.[test]'")
    try:
        KernelSpecManager().get_kernel_spec(KERNEL)
    except NoSuchKernel:
        pytest.skip(f"no Jupyter kernel named {KERNEL!r}: pip install ipykernel")


def _read_committed():
    return nbformat.read(str(NOTEBOOK), as_version=4)


def _cell(nb, tag: str):
    tagged = [c for c in nb.cells if tag in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1, f"expected one cell tagged {tag!r}, found {len(tagged)}"
    return tagged[0]


def _stdout(cell) -> str:
    return "".join(o.get("text", "") for o in cell.get("outputs", [])
                   if o.get("output_type") == "stream" and o.get("name") == "stdout")


def _table(nb) -> list[dict]:
    return json.loads(_stdout(_cell(nb, "published-vs-computed")))


def _illustrations(nb) -> dict:
    return json.loads(_stdout(_cell(nb, "illustrations")))


#: tags of the cells added after the regression part, in notebook order
ILLUSTRATION_CELLS = ["pls-reliability", "pls-htmt", "pls-path", "mediation", "moderation",
                      "report", "illustrations"]


@pytest.fixture(scope="module", params=["", "notebooks"], ids=["from-root", "from-notebooks"])
def executed(request, tmp_path_factory):
    """The notebook run in a fresh kernel whose working directory is the parameter."""
    _require_kernel()
    nb = copy.deepcopy(_read_committed())
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    cwd = ROOT / request.param
    client = nbclient.NotebookClient(nb, timeout=120, startup_timeout=60, kernel_name=KERNEL,
                                     resources={"metadata": {"path": str(cwd)}})
    try:
        client.execute()
    except nbclient.exceptions.CellExecutionError as exc:
        pytest.fail(f"a notebook cell failed (working directory {request.param or '.'}):\n{exc}")
    finally:
        out = tmp_path_factory.mktemp("notebook") / NOTEBOOK.name
        nbformat.write(nb, str(out))  # the executed copy, for inspection on failure
    return nb


@pytest.mark.slow
def test_no_cell_error(executed):
    errors = [o for c in executed.cells if c.cell_type == "code" for o in c.outputs
              if o.output_type == "error"]
    assert errors == []


def test_every_published_figure_is_next_to_ours(executed):
    table = _table(executed)
    assert [row["figure"] for row in table] == list(PUBLISHED)
    for row in table:
        assert row["published"] == PUBLISHED[row["figure"]], row
        assert set(row) >= {"figure", "published", "computed", "match", "note"}
        assert isinstance(row["match"], bool)


def test_every_calibrated_figure_matches(executed):
    for row in _table(executed):
        if row["figure"] == "slope p-value":
            continue
        assert row["computed"] == row["published"], row
        assert row["match"] is True, row


def test_slope_p_value_is_reported_as_below_001_with_the_exact_value(executed):
    row = {r["figure"]: r for r in _table(executed)}["slope p-value"]
    assert row["computed"].startswith("< .001"), row
    exact = re.search(r"p = (\d\.\d+e-(\d+))", row["computed"])
    assert exact, row
    # t(99) = sqrt(.708 * 99 / .292) = 15.49; two-tailed p = 3.26e-28
    # (scipy.stats.t.sf(15.493, 99) * 2; R 4.x: 2 * pt(-15.493, 99))
    assert 1e-30 < float(exact.group(1)) < 1e-26
    assert row["match"] is False  # 0.001 cannot come from these figures
    assert ".000" not in row["computed"]


def test_interpretation_reads_the_slope_in_points_and_p_below_001(executed):
    text = _stdout(_cell(executed, "interpretation"))
    assert "one-point increase in the SMMA sum score" in text
    assert "1.484-point increase in the PI sum score" in text
    assert "p < .001" in text and "p < 0,001" in text
    assert not re.search(r"\bp\s*[=<>]\s*0?[.,]000\b", text), text  # no "p = .000"
    assert "Sig. .000" not in text and "Sig. 0,000" not in text
    assert "%" not in text  # no "1% -> 1.484%" elasticity reading


def test_stored_outputs_are_those_of_a_fresh_run(executed):
    assert _table(_read_committed()) == _table(executed), (
        "the stored outputs are out of date: re-execute notebooks/replication.ipynb")
    assert (_stdout(_cell(_read_committed(), "interpretation"))
            == _stdout(_cell(executed, "interpretation")))


def test_committed_file_is_not_modified(executed):
    assert hashlib.sha256(NOTEBOOK.read_bytes()).hexdigest() == COMMITTED_SHA256


def test_stored_outputs_are_clean_and_in_order():
    nb = _read_committed()
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1))
    text = json.dumps(nb)
    for cell in nb.cells:
        assert "execution" not in cell.metadata and "ExecuteTime" not in cell.metadata
    for cell in code:
        assert cell.outputs, f"cell {cell.id} has no stored output"
        for out in cell.outputs:
            assert out.output_type != "error", cell.id
            assert not (out.output_type == "stream" and out.name == "stderr"), (
                f"cell {cell.id} wrote to stderr: {out.text[:200]}")
    machine = {str(ROOT), str(Path.home()), os.sep + "tmp" + os.sep}
    for path in machine:
        if len(path) > 1:
            assert path not in text, f"the stored notebook names a machine path: {path}"


def test_the_notebook_says_the_data_are_synthetic():
    first = _read_committed().cells[0]
    assert first.cell_type == "markdown"
    head = " ".join(first.source.replace(">", " ").split())  # unwrap the quote block
    assert "The data here are synthetic." in head
    assert "calibrated to the published" in head
    assert "never published its raw answers" in head


def test_the_illustration_cells_ran(executed):
    for tag in ILLUSTRATION_CELLS:
        cell = _cell(executed, tag)
        kinds = {o.output_type for o in cell.outputs}
        assert "error" not in kinds, tag
        assert _stdout(cell).strip(), f"cell {tag!r} printed nothing"
        assert not any(o.output_type == "stream" and o.name == "stderr" for o in cell.outputs), tag
    order = [c.id for c in executed.cells]
    assert order.index("dims-contrib") < order.index("pls-md") < order.index("compare-md")


def test_pls_path_is_close_to_the_regression_beta(executed):
    fig = _illustrations(executed)
    assert 0.7 < fig["pls_path"] < 0.95
    assert 0.7 < fig["pls_two_stage_path"] < 0.95
    # regression Beta of one predictor = r = sqrt(R Square) = sqrt(.708) = .841 (article)
    assert fig["regression_beta"] == pytest.approx(0.708 ** 0.5, abs=0.001)
    assert abs(fig["pls_path"] - fig["regression_beta"]) < 0.02
    assert fig["pls_path_t"] > 1.96 and 0 <= fig["pls_path_p"] < 0.001
    assert 0 < fig["pls_r2"] < 1 and fig["pls_r2"] == pytest.approx(0.708, abs=0.02)
    assert fig["pls_r2"] == pytest.approx(fig["pls_path"] ** 2, rel=1e-4)  # one predictor
    # corrected for attenuation the published figures give sqrt(.708 / (.748 * .829)) = 1.07
    assert fig["pls_htmt_smma_pi"] > 0.9
    text = _stdout(_cell(executed, "pls-path"))
    assert f"beta = {fig['pls_path']:.3f}" in text and "p < .001" in text
    assert f"t = {fig['pls_path_t']:.2f}" in text


def test_pls_reliability_lies_between_0_and_1(executed):
    reliability = _illustrations(executed)["reliability"]
    assert set(reliability) >= {"SMMA", "PI", "entertainment", "interaction", "exploratory"}
    for construct, row in reliability.items():
        for key in ("alpha", "rho_c", "ave"):
            assert 0 < row[key] < 1, (construct, key)
        if construct not in ("SMMA", "PI"):  # rho_A is undefined for a repeated-indicator HOC
            assert 0 < row["rho_a"] < 1, construct
    import pandas as pd
    answers = pd.read_csv(ROOT / "data" / "sample" / "smma_responses.csv")
    for name, items in (("entertainment", ["X1.1", "X1.2"]), ("interaction", ["X2.1", "X2.2"])):
        r = answers[items[0]].corr(answers[items[1]])
        # alpha of standardized items, k = 2: 2r / (1 + r)
        assert reliability[name]["alpha"] == pytest.approx(2 * r / (1 + r), abs=1e-6), name


def _dimension_scores():
    import pandas as pd
    answers = pd.read_csv(ROOT / "data" / "sample" / "smma_responses.csv")
    x = answers[["X1.1", "X1.2"]].sum(axis=1).to_numpy(float)      # entertainment
    w = answers[["X2.1", "X2.2"]].sum(axis=1).to_numpy(float)      # interaction
    y = answers[[c for c in answers if c.startswith("Y")]].sum(axis=1).to_numpy(float)  # PI
    return x, w, y


def _ols(y, *columns):
    design = np.column_stack([np.ones_like(y), *columns])
    return np.linalg.lstsq(design, y, rcond=None)[0]


def test_mediation_prints_the_indirect_effect_and_its_interval(executed):
    fig = _illustrations(executed)
    estimate, low, high = fig["indirect"]
    x, w, y = _dimension_scores()
    a, b = _ols(w, x)[1], _ols(y, x, w)[2]
    assert estimate == pytest.approx(a * b, abs=1e-6)  # numpy OLS: 0.754456
    assert low < estimate < high and low > 0
    assert fig["mediation_type"] == "complementary"  # CI excludes 0, c' > 0 with p < .001
    text = _stdout(_cell(executed, "mediation"))
    assert f"a x b = {estimate:.3f}, 95% bootstrap CI [{low:.3f}, {high:.3f}]" in text
    assert "2000 resamples, seed 1" in text and "Zhao-Lynch-Chen type: complementary" in text


def test_moderation_product_term(executed):
    fig = _illustrations(executed)
    x, w, y = _dimension_scores()
    xc, wc = x - x.mean(), w - w.mean()
    assert fig["interaction"] == pytest.approx(_ols(y, xc, wc, xc * wc)[3], abs=1e-6)
    assert 0 < fig["interaction_p"] < 1
    text = _stdout(_cell(executed, "moderation"))
    assert f"b = {fig['interaction']:.3f}" in text
    assert ("moderation supported" in text) == (fig["interaction_p"] < 0.05)


def test_indonesian_report_and_word_file(executed):
    text = _stdout(_cell(executed, "report"))
    assert "Aktivitas pemasaran media sosial" in text and "Sampel Penelitian" in text
    assert "Tabel 4.1" in text
    size = re.search(r"laporan\.docx: ([\d,]+) bytes, a Word file: True", text)
    assert size, text[-300:]
    assert int(size.group(1).replace(",", "")) == _illustrations(executed)["docx_bytes"] > 10_000
    assert not list(ROOT.glob("**/laporan.docx")), "the Word file was written into the repository"


def test_stored_illustrations_are_those_of_a_fresh_run(executed):
    stored, fresh = _illustrations(_read_committed()), _illustrations(executed)
    stored.pop("docx_bytes"), fresh.pop("docx_bytes")  # zip sizes vary with library versions
    assert _close(fresh, stored), (
        "the stored outputs are out of date: re-execute notebooks/replication.ipynb")


def _close(a, b) -> bool:
    if isinstance(a, dict):
        return isinstance(b, dict) and set(a) == set(b) and all(_close(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return isinstance(b, list) and len(a) == len(b) and all(map(_close, a, b))
    if isinstance(a, float) and isinstance(b, float):
        return a == pytest.approx(b, rel=1e-6, abs=2e-6)
    return a == b
