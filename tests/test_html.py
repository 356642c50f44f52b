"""HTML pages (.html/.htm) through trafilatura: the document text is
"title, blank line, paragraphs", every fact's offsets point into that stored
text, nothing in the related-news block or the site footer becomes a fact,
the page's metadata is read (under the sidecar, which wins), and the page
gives the same facts as the same article saved as .txt."""

import json
import sqlite3

import pytest
from click.testing import CliRunner

from extractor.cli import cli
from extractor.models import FactAdapter
from extractor.reader import ReadError, iter_paths, read_document

TITLE = "Huyện Thanh Oai giảm mạnh số hộ nghèo"
PARAS = [
    "(TĐM) - Chiều 7-3, huyện Thanh Oai tổ chức hội nghị đánh giá kết quả thực hiện Chương trình số "
    "08-CTr/TU của Thành ủy Hà Nội giai đoạn 2021-2025.",
    "Theo báo cáo, toàn huyện còn 45 hộ nghèo, chiếm 0,084%; số hộ cận nghèo là 1.950 hộ, chiếm 2,06%. "
    "Tỷ lệ bao phủ bảo hiểm y tế đạt 92,5%.",
    "Năm 2022, huyện đã giải quyết việc làm cho 8.623 lao động, đạt 132,06% chỉ tiêu giao. "
    "Tổng kinh phí hỗ trợ là 20.990 tỷ đồng.",
    "Phát biểu tại hội nghị, Phó Bí thư Huyện ủy Nguyễn Văn Minh đề nghị các xã tiếp tục rà soát, "
    "hỗ trợ các hộ có nguy cơ tái nghèo.",
]
# what the page has around the article: none of it is a fact
RELATED = ["Hà Nội có 1.700 hộ thoát nghèo trong năm 2022", "Ứng Hòa hỗ trợ 300 triệu đồng cho hộ cận nghèo"]
FOOTER = [
    "Báo Thủ Đô Mới - Cơ quan của Thành ủy Hà Nội",
    "Địa chỉ: 44 Lê Thái Tổ, Hoàn Kiếm, Hà Nội. Điện thoại: 024 3825 3067. Fax: 024 3825 3068",
    "Giấy phép số 125/GP-BTTTT cấp ngày 15/3/2021. Tổng biên tập: Trần Văn Bình",
]
BOILERPLATE_NUMBERS = ("1.700", "300 triệu", "3825", "125/GP", "15/3/2021", "44 Lê")


def news_page(*, head_meta: bool = True, byline_date: str = "07/03/2023 21:01", paras=PARAS) -> str:
    """A page shaped like a Vietnamese news site's article page."""
    meta = (
        f'<meta property="og:title" content="{TITLE}">\n'
        '<meta property="og:site_name" content="Báo Thủ Đô Mới">\n'
        '<meta property="og:url" content="https://thudomoi.example.vn/thanh-oai-giam-ho-ngheo-123.html">\n'
        '<meta property="article:published_time" content="2023-03-07T21:01:00+07:00">\n'
        '<meta name="author" content="Hoàng Sơn">\n'
        '<link rel="canonical" href="https://thudomoi.example.vn/thanh-oai-giam-ho-ngheo-123.html">\n'
        if head_meta else ""
    )
    body = "\n".join(f"<p>{p}</p>" for p in paras)
    related = "\n".join(f'<li><a href="/tin-{i}.html">{t}</a></li>' for i, t in enumerate(RELATED))
    footer = "\n".join(f"<p>{t}</p>" for t in FOOTER)
    return f"""<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>{TITLE} - Báo Thủ Đô Mới</title>
{meta}<script>window.dataLayer = window.dataLayer || []; var pageViews = 12345;</script>
<style>.detail-title {{ font-size: 28px; }}</style>
</head>
<body>
<header class="site-header">
  <div class="logo"><a href="/">Báo Thủ Đô Mới</a></div>
  <nav class="main-menu"><ul><li><a href="/">Trang chủ</a></li><li><a href="/thoi-su">Thời sự</a></li>
  <li><a href="/xa-hoi">Xã hội</a></li><li><a href="/kinh-te">Kinh tế</a></li></ul></nav>
</header>
<main class="container">
  <div class="breadcrumb"><a href="/">Trang chủ</a> / <a href="/xa-hoi">Xã hội</a></div>
  <article class="detail">
    <h1 class="detail-title">{TITLE}</h1>
    <div class="detail-meta"><span class="author">Hoàng Sơn</span> | <span class="date">{byline_date}</span></div>
    <div class="share-buttons"><a href="#">Chia sẻ</a> <a href="#">In bài</a></div>
    <div class="detail-content">
{body}
    </div>
    <div class="related-news">
      <h3>Tin liên quan</h3>
      <ul>
{related}
      </ul>
    </div>
    <div class="box-comment"><h3>Bình luận (0)</h3><form><textarea></textarea><button>Gửi bình luận</button></form></div>
  </article>
</main>
<footer class="site-footer">
{footer}
</footer>
</body>
</html>
"""


def txt_version() -> str:
    """The same article as a text file of the nshn layout: title, byline|time, paragraphs."""
    return TITLE + "\n\nHoàng Sơn| 07/03/2023 21:01\n\n" + "\n\n".join(PARAS) + "\n"


def _jsonl(res):
    assert res.exit_code == 0, res.output
    return [json.loads(x) for x in res.output.splitlines() if x.startswith("{")]


@pytest.fixture
def page(tmp_path):
    p = tmp_path / "thanh-oai.html"
    p.write_text(news_page(), encoding="utf-8")
    return p


def test_document_text_is_title_blank_line_paragraphs(page):
    src = read_document(page)
    assert src.text == TITLE + "\n\n" + "\n\n".join(PARAS) + "\n"
    assert src.size == page.stat().st_size and len(src.sha256) == 64
    for junk in RELATED + FOOTER + ["Trang chủ", "Chia sẻ", "Bình luận", "pageViews"]:
        assert junk not in src.text


def test_metadata_of_the_page(page):
    meta = read_document(page).meta
    assert meta == {
        "title": TITLE,
        "published": "2023-03-07T21:01",
        "author": "Hoàng Sơn",
        "url": "https://thudomoi.example.vn/thanh-oai-giam-ho-ngheo-123.html",
        # no "source": the lead's own "(TĐM)" tag is the source, as in a text article
    }
    lines = _jsonl(CliRunner().invoke(cli, ["extract", "--format", "jsonl", str(page)]))
    assert lines[0] == {"doc": str(page), "kind": "meta", "title": TITLE, "published": "2023-03-07T21:01",
                        "author": "Hoàng Sơn", "source": "TĐM",
                        "url": "https://thudomoi.example.vn/thanh-oai-giam-ho-ngheo-123.html"}


def test_site_name_is_the_source_when_the_lead_has_no_tag(tmp_path):
    p = tmp_path / "a.html"
    p.write_text(news_page(paras=[PARAS[0].removeprefix("(TĐM) - "), *PARAS[1:]]), encoding="utf-8")
    assert read_document(p).meta["source"] == "Báo Thủ Đô Mới"


def test_time_from_the_visible_byline_and_date_only_pages(tmp_path):
    p = tmp_path / "a.html"
    p.write_text(news_page(head_meta=False, byline_date="Thứ Ba, 07/03/2023 - 21:01 (GMT+7)"), encoding="utf-8")
    meta = read_document(p).meta
    assert meta["published"] == "2023-03-07T21:01" and meta["title"] == TITLE
    assert "url" not in meta and "source" not in meta
    p.write_text(news_page(head_meta=False, byline_date="07/03/2023"), encoding="utf-8")
    assert read_document(p).meta["published"] == "2023-03-07"


def test_facts_have_exact_offsets_into_the_stored_text(page, tmp_path):
    facts = [x for x in _jsonl(CliRunner().invoke(cli, ["extract", "--format", "jsonl", str(page)])) if x["kind"] != "meta"]
    db = tmp_path / "c.db"
    res = CliRunner().invoke(cli, ["ingest", str(page), "--db", str(db), "--quiet"])
    assert res.exit_code == 0, res.output
    con = sqlite3.connect(db)
    (stored,) = con.execute("select text from documents").fetchone()
    assert stored == read_document(page).text
    for f in facts:
        FactAdapter.validate_python(f)
        assert stored[f["start"] : f["end"]] == f["text"]
    rows = con.execute("select kind, start, \"end\", text from facts").fetchall()
    assert len(rows) == len(facts)
    for _kind, s, e, text in rows:
        assert stored[s:e] == text
    by_text = {f["text"]: f for f in facts}
    assert by_text["45 hộ"]["value"] == 45 and by_text["45 hộ"]["indicator"] == "poor_households"
    assert by_text["0,084%"]["value"] == 0.084
    assert by_text["20.990 tỷ đồng"]["value"] == 20990e9
    assert by_text["Chiều 7-3"]["value"] == "2023-03-07"  # the year from the page's publication date
    assert by_text["Nguyễn Văn Minh"]["titles"] == ["Phó Bí thư Huyện ủy"]
    # nothing from the related-news block or the footer
    for f in facts:
        assert not any(n in f["text"] for n in BOILERPLATE_NUMBERS), f
        assert f.get("name") not in ("Hoàn Kiếm", "Ứng Hòa", "Trần Văn Bình")


def _comparable(facts):
    drop = {"start", "end", "sentence_start", "doc"}
    return sorted(json.dumps({k: v for k, v in f.items() if k not in drop}, ensure_ascii=False, sort_keys=True)
                  for f in facts if f["kind"] != "meta")


def test_html_and_txt_of_one_article_give_the_same_facts(page, tmp_path):
    txt = tmp_path / "thanh-oai.txt"
    txt.write_text(txt_version(), encoding="utf-8")
    from_html = _jsonl(CliRunner().invoke(cli, ["extract", "--format", "jsonl", str(page)]))
    from_txt = _jsonl(CliRunner().invoke(cli, ["extract", "--format", "jsonl", str(txt)]))
    assert len(from_html) > 10
    assert _comparable(from_html) == _comparable(from_txt)
    meta_html, meta_txt = from_html[0], from_txt[0]
    for k in ("title", "published", "author", "source"):
        assert meta_html[k] == meta_txt[k]


def test_sidecar_wins_over_the_page(page):
    page.with_name("thanh-oai.meta.json").write_text(
        json.dumps({"title": "Tiêu đề khác", "source": "TĐM-web", "published": "2023-03-08"}), encoding="utf-8")
    meta = _jsonl(CliRunner().invoke(cli, ["extract", "--format", "jsonl", str(page)]))[0]
    assert meta["title"] == "Tiêu đề khác" and meta["source"] == "TĐM-web" and meta["published"] == "2023-03-08"
    assert meta["author"] == "Hoàng Sơn"  # the page's, where the sidecar is silent


@pytest.mark.parametrize("dateline", ["Thứ Ba, 07/03/2023 21:01 (GMT+7)", "Cập nhật: 21:01 ngày 07/03/2023",
                                      "Thứ bảy, ngày 07/03/2023"])
def test_dateline_left_in_the_body_is_not_a_fact(tmp_path, dateline):
    p = tmp_path / "a.html"
    p.write_text(news_page(paras=[dateline, *PARAS]), encoding="utf-8")
    src = read_document(p)
    assert "07/03/2023" not in src.text and src.text.startswith(TITLE + "\n\n(TĐM)")


def test_a_lead_that_starts_with_a_date_is_kept(tmp_path):
    lead = "Sáng 7/3/2023, lúc 9h30, xã Tam Hưng tổ chức hội nghị."
    p = tmp_path / "a.html"
    p.write_text(news_page(paras=[lead, *PARAS[1:]]), encoding="utf-8")
    assert read_document(p).text.startswith(TITLE + "\n\n" + lead + "\n\n")


def test_page_without_article_text_is_a_one_line_error(tmp_path):
    p = tmp_path / "menu.htm"
    p.write_text(
        "<html><head><title>Trang chủ</title></head><body><nav><a href='/'>Trang chủ</a>"
        "<a href='/xa-hoi'>Xã hội</a></nav><footer><p>Điện thoại: 024 3825 3067</p></footer></body></html>",
        encoding="utf-8",
    )
    with pytest.raises(ReadError) as e:
        read_document(p)
    assert "no article text" in str(e.value) and str(p) in str(e.value) and "\n" not in str(e.value)


def test_ingest_a_folder_mixing_txt_html_and_a_sidecar(tmp_path):
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    (d / "a.html").write_text(news_page(), encoding="utf-8")
    (d / "a.meta.json").write_text(json.dumps({"source": "TĐM", "author": "H. Sơn"}), encoding="utf-8")
    (d / "sub" / "b.htm").write_text(news_page(paras=PARAS[1:2]), encoding="utf-8")
    (d / "c.txt").write_text("Xã Tam Hưng có 12 hộ nghèo\n\nToàn xã còn 12 hộ nghèo, chiếm 0,5%.\n", encoding="utf-8")
    (d / "notes.md").write_text("không phải bài báo", encoding="utf-8")
    assert sorted(p.name for p in iter_paths([d])) == ["a.html", "b.htm", "c.txt"]
    db = tmp_path / "c.db"
    res = CliRunner().invoke(cli, ["ingest", str(d), "--db", str(db), "--quiet"])
    assert res.exit_code == 0, res.output
    con = sqlite3.connect(db)
    docs = {r[0].rsplit("/", 1)[-1]: r[1:] for r in con.execute(
        "select path, title, published, author, source, url, text from documents")}
    assert set(docs) == {"a.html", "b.htm", "c.txt"}
    title, published, author, source, url, text = docs["a.html"]
    assert (title, published, author, source) == (TITLE, "2023-03-07T21:01", "H. Sơn", "TĐM")
    assert url == "https://thudomoi.example.vn/thanh-oai-giam-ho-ngheo-123.html"
    assert text.startswith(TITLE + "\n\n")
    assert docs["c.txt"][0] == "Xã Tam Hưng có 12 hộ nghèo"
    n = dict(con.execute("select d.path, count(*) from facts f join documents d on d.id = f.document "
                         "where f.kind = 'quantity' group by d.path"))
    assert all(v > 0 for v in n.values()) and len(n) == 3
    # the same bytes again add nothing
    res = CliRunner().invoke(cli, ["ingest", str(d), "--db", str(db), "--quiet"])
    assert res.exit_code == 0 and con.execute("select count(*) from documents").fetchone()[0] == 3
