"""tools/bench.py on a tiny network: it runs, prints the machine and one table with every row, and Hugo
and plain MkDocs built every page we did. Never timed: speed is only measured by `make bench`.

Hugo comes from requirements-bench.txt (`make bench` installs it); without it this test fails, it does
not skip.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import bench  # noqa: E402


def table_rows(stdout: str) -> dict[str, list[str]]:
    """The Markdown table's rows by their first cell."""
    lines = [line for line in stdout.splitlines() if line.startswith("|") and not line.startswith("|---")]
    return {cells[0]: cells[1:] for cells in ([c.strip() for c in line.strip("|").split("|")] for line in lines)}


@pytest.mark.slow
def test_bench_tiny_network(tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "bench.py"), "--campaigns", "2", "--laureates", "8",
                             "--jobs", "2", "--work", str(tmp_path / "work")], capture_output=True, text=True,
                            check=False, timeout=900)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Machine: "), result.stdout
    assert "cores" in result.stdout and "Python" in result.stdout and "Hugo" in result.stdout
    rows = table_rows(result.stdout)
    header = next(name for name in rows if "campaigns" in name)
    assert header.startswith("2 campaigns, 8 sites,")  # the portal in 4 languages, 2 campaigns in 2
    assert rows[header] == list(bench.TOOLS)
    assert set(bench.ROWS) <= set(rows)
    for row in bench.ROWS:
        assert len(rows[row]) == len(bench.TOOLS) and all(rows[row]), row
    assert rows["full build"][1].endswith("(×1.0)")  # times are read against Hugo's full build
    assert rows["full build, CPU"][1].endswith("(×1.0)")  # and processor times against its processor time
    for tool in rows["full build, CPU"]:  # the workers' and Pagefind's time counted: never nothing
        assert float(tool.split(" s")[0]) > 0, rows["full build, CPU"]
    assert rows["`--check`"][1:] == ["–", "–"]  # only our build has a check
    assert rows["`--check`, CPU"][1:] == ["–", "–"]
    pages = rows["pages built"]
    total = pages[0].split(" of ")[1]
    assert pages == [f"{total} of {total}"] * len(bench.TOOLS), pages


def test_network_is_valid_with_grown_laureates(tmp_path):
    """The synthetic network passes validation: copied laureates with their updates, payments, texts
    and a budget that holds them."""
    from campaignsite.pipeline import build_model

    bench.make_network(tmp_path, len(bench.examples()), 12)
    checked = build_model(tmp_path)
    assert {len(campaign.languages) for campaign in checked.campaigns} == {2}
    assert {len(campaign.laureates) for campaign in checked.campaigns} == {12}
