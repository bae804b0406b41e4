"""The offline copy's zip (handbook.site.offline_copy): only regular files, in a fixed order
with fixed dates, so the same copy gives the same zip; links and other odd files refused."""

from __future__ import annotations

import os
import zipfile
from datetime import date

import pytest

from handbook.site import offline_copy


def _copy(folder):
    (folder / "themas").mkdir(parents=True)
    (folder / "index.html").write_text("<h1>Handboek</h1>", encoding="utf-8")
    (folder / "themas" / "armoede.html").write_text("<h1>Armoede</h1>", encoding="utf-8")
    (folder / "sitemap.xml").write_text("<urlset/>", encoding="utf-8")
    return folder


def test_the_zip_holds_the_files_under_one_folder_without_sitemaps(tmp_path):
    made = offline_copy.write_zip(_copy(tmp_path / "kopie"), tmp_path / "a.zip", date(2026, 11, 28))
    with zipfile.ZipFile(made.path) as archive:
        names = archive.namelist()
        assert archive.getinfo(names[0]).date_time == (2026, 11, 28, 0, 0, 0)
    top = offline_copy.TOP_FOLDER
    assert names == [f"{top}/index.html", f"{top}/themas/armoede.html"]
    assert made.files == 2 and made.size == (tmp_path / "a.zip").stat().st_size


def test_the_same_copy_gives_the_same_zip(tmp_path):
    folder = _copy(tmp_path / "kopie")
    first = offline_copy.write_zip(folder, tmp_path / "a.zip", date(2026, 11, 28)).path.read_bytes()
    os.utime(folder / "index.html", (0, 0))
    assert offline_copy.write_zip(folder, tmp_path / "b.zip", date(2026, 11, 28)).path.read_bytes() == first


@pytest.mark.parametrize("kind", ["file", "folder", "dangling"])
def test_a_link_in_the_copy_is_refused_and_no_zip_is_left(tmp_path, kind):
    folder = _copy(tmp_path / "kopie")
    target = {"file": "/etc/passwd", "folder": "/etc", "dangling": "/nergens"}[kind]
    (folder / "themas" / "link").symlink_to(target)
    with pytest.raises(offline_copy.OfflineCopyError, match="themas/link"):
        offline_copy.write_zip(folder, tmp_path / "a.zip", date(2026, 11, 28))
    assert list(tmp_path.glob("*.zip*")) == []


def test_links_to_left_out_pages_lead_to_the_published_site():
    html = '<a href="../bijdragen/x.html">x</a> <a href="../bijdragen/x.html#stap">y</a> <a href="../bijdragen/x.htmlz">z</a>'
    out = offline_copy.contributor_links(html, {"../bijdragen/x.html": "https://voorbeeld.nl/bijdragen/x.html"})
    assert out.count("https://voorbeeld.nl/bijdragen/x.html") == 2 and 'href="../bijdragen/x.htmlz"' in out


def test_the_size_reads_as_dutch():
    assert offline_copy.OfflineZip(None, 1, 4_557_847).size_label == "4,6 MB"
    assert offline_copy.OfflineZip(None, 1, 45_000).size_label == "45 kB"
    assert offline_copy.OfflineZip(None, 1, 300_022).size_label == "300 kB"
