"""What an incremental build keeps of the previous output holds no link (issue 20): a committed site/
with a link planted in a campaign's folder, and a state file forged to match, must not publish what the
link points to."""

from __future__ import annotations

import os

import pytest

from campaignsite.core.errors import BuildFailed
from campaignsite.write.writer import Writer


def previous_output(tmp_path):
    kept = tmp_path / "site" / "demo-2025"
    (kept / "nl").mkdir(parents=True)
    (kept / "nl" / "index.html").write_text("<p>home</p>", encoding="utf-8")
    secret = tmp_path / "outside" / "deploy-key"
    secret.parent.mkdir()
    secret.write_text("PRIVATE KEY", encoding="utf-8")
    return kept, secret


def test_a_kept_folder_of_regular_files_stays_where_it_is_and_is_closed_to_writes(tmp_path):
    kept, _ = previous_output(tmp_path)
    writer = Writer(tmp_path / "stage")
    writer.keep("demo-2025", kept)
    assert writer.kept_paths() == {"demo-2025"}
    assert not (tmp_path / "stage/demo-2025").exists(), "nothing copied or linked: the output is updated in place"
    assert (kept / "nl" / "index.html").read_text(encoding="utf-8") == "<p>home</p>"
    with pytest.raises(BuildFailed) as failure:
        writer.write("demo-2025/nl/index.html", "<p>other</p>")
    assert failure.value.code == "double-write"


@pytest.mark.parametrize("plant", ["file", "folder", "campaign"])
def test_a_link_in_the_kept_output_is_refused_and_nothing_outside_is_published(tmp_path, plant):
    kept, secret = previous_output(tmp_path)
    if plant == "file":
        os.symlink(secret, kept / "nl" / "key.txt")
    elif plant == "folder":
        os.symlink(secret.parent, kept / "nl" / "outside")
    else:  # the campaign's whole folder is a link to a folder outside
        (tmp_path / "site" / "demo-2025").rename(tmp_path / "elsewhere")
        os.symlink(tmp_path / "elsewhere", kept)
    writer = Writer(tmp_path / "stage")
    with pytest.raises(BuildFailed) as failure:
        writer.keep("demo-2025", kept)
    assert failure.value.code == "unsafe-output"
    published = [p for p in (tmp_path / "stage").rglob("*")] if (tmp_path / "stage").exists() else []
    assert not any(p.is_file() and p.read_text(encoding="utf-8") == "PRIVATE KEY" for p in published)
    assert secret.read_text(encoding="utf-8") == "PRIVATE KEY"
