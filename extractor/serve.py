"""``chitieu serve``: Datasette over the database, read-only, for analysts.

What this module holds:

- :func:`metadata`: Datasette's metadata — title, description, a licence note,
  a description in Vietnamese and English of every table, view and column the
  project writes (``TABLES``), facets (kind, indicator, area, period, target),
  and the canned queries (``canned_queries``): an indicator by area over time,
  all facts of a document, officials and their titles, the documents cited
  most, the figures failing a consistency check, and a Vietnamese-friendly
  sentence search;
- a tiny Datasette plugin (the hook functions below, registered by
  :func:`make_datasette` on Datasette's plugin manager under the name
  ``chitieu``):

  * ``prepare_connection`` adds two SQL functions to every connection:
    ``chitieu_fold(text)`` (:func:`extractor.textnorm.search_key`: lowercase,
    no diacritics, đ → d — the form of ``sentences.text_folded``) and
    ``chitieu_fts_query(q)`` (the same folding; every word must occur, a
    "quoted phrase" must occur as written, ``word*`` is a prefix search), so the ``search``
    canned query finds "hộ nghèo" for ``ho ngheo`` and "đạt" for ``dat``.
    Datasette's own search box on the ``sentences`` table works too, since
    ``sentences_fts`` indexes both ``text`` and ``text_folded``;
  * ``register_routes`` serves the review page of a document
    (:mod:`extractor.review`) at ``/-/chitieu/review/<document id>``, rendered
    from the database on each request — so it can never be stale, and
    nothing is written next to the database; ``chitieu show DOC --html FILE``
    writes the same page as a static file for sharing;
  * ``render_cell`` links each document's title and every document id to
    that page (a document's row page redirects there), shortens hash ids,
    and shows values with their unit or currency;
  * the indicator pages, the index of keys and the data dictionary
    (:mod:`extractor.pages`).

The database is opened read-only (``mode=ro``), not immutable: each request
sees what an ingest has committed (an immutable reader ignores the WAL and
caches counts, so a live file showed stale pages, then "database disk image
is malformed").  ``--immutable`` stays for a published file that never
changes.  Nothing here writes to the database; the indicator pages
(:mod:`extractor.pages`) build their SQL from the database's columns, so they
work on a database whose views are older.
A database the user cannot write, where ``mode=ro`` cannot open the WAL
index, is served immutable (``?immutable=1``), as it is on disk.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path
from urllib.parse import quote

import regex
from datasette import hookimpl

from .textnorm import search_key

PLUGIN = "chitieu"
REVIEW_PREFIX = "/-/chitieu/review/"

# table → (Vietnamese, English, {column: (Vietnamese, English)})
TABLES: dict[str, tuple[str, str, dict[str, tuple[str, str]]]] = {
    "documents": (
        "Bài báo, thông cáo đã nạp: một dòng cho mỗi tệp (theo nội dung)",
        "Ingested articles and press releases: one row per file (by content)",
        {
            "id": ("Mã tài liệu: sha256 của các byte của tệp", "Document id: sha256 of the file's bytes"),
            "path": ("Đường dẫn tệp khi nạp", "File path as ingested"),
            "title": ("Tiêu đề bài báo", "Article title"),
            "published": ("Thời điểm đăng (ISO, đến phút)", "Publication time (ISO, to the minute)"),
            "author": ("Tác giả", "Author"),
            "source": ("Nguồn (ví dụ NSHN)", "Source tag (e.g. NSHN)"),
            "url": ("Địa chỉ gốc của bài (nếu có)", "Original URL of the article (when known)"),
            "layout": ("Bố cục trang đã nhận ra (rules/layouts)", "Recognised site layout (rules/layouts)"),
            "text": ("Toàn văn sau khi đọc (UTF-8, NFC); mọi vị trí đều tính trên văn bản này",
                     "Full text as read (UTF-8, NFC); every offset refers to it"),
            "body_start": ("Vị trí bắt đầu phần bài (tiêu đề, sapo, thân bài)", "Start offset of the article region (title, lead, body)"),
            "body_end": ("Vị trí kết thúc phần bài (không tính)", "End offset of the article region (exclusive)"),
            "ingested_at": ("Thời điểm nạp (UTC)", "When it was ingested (UTC)"),
            "run": ("Lượt nạp (bảng runs)", "Ingest run (runs table)"),
        },
    ),
    "sentences": (
        "Các câu của phần bài, có chỉ mục tìm kiếm toàn văn (gõ có dấu hay không dấu đều được)",
        "Sentences of the article region, full-text indexed (search with or without diacritics)",
        {
            "id": ("Mã câu: mã tài liệu rút gọn và số thứ tự", "Sentence id: short document id and index"),
            "document": ("Tài liệu chứa câu", "Document the sentence belongs to"),
            "idx": ("Số thứ tự câu trong tài liệu", "Index of the sentence in the document"),
            "start": ("Vị trí bắt đầu trong văn bản", "Start offset in the document text"),
            "end": ("Vị trí kết thúc (không tính)", "End offset (exclusive)"),
            "text": ("Nội dung câu", "Sentence text"),
            "text_folded": ("Câu viết thường, bỏ dấu, đ → d: dùng để tìm kiếm không dấu",
                            "Sentence lowercased, without diacritics, đ → d: for diacritic-free search"),
        },
    ),
    "facts": (
        "Các dữ kiện trích ra: số liệu, ngày, giai đoạn, người, văn bản, địa bàn (xem ANNOTATION.md)",
        "Extracted facts: figures, dates, periods, persons, documents, areas (see ANNOTATION.md)",
        {
            "id": ("Mã dữ kiện", "Fact id"),
            "document": ("Tài liệu chứa dữ kiện", "Document of the fact"),
            "sentence": ("Câu chứa dữ kiện", "Sentence of the fact"),
            "kind": ("Loại: quantity, percent, ratio, money, date, period, person, document, area",
                     "Kind: quantity, percent, ratio, money, date, period, person, document, area"),
            "start": ("Vị trí bắt đầu trong văn bản", "Start offset in the document text"),
            "end": ("Vị trí kết thúc (không tính)", "End offset (exclusive)"),
            "text": ("Đoạn văn bản như được viết", "The text as written"),
            "value": ("Giá trị đã chuẩn hoá (percent tính bằng %, money tính bằng đơn vị tiền)",
                      "Normalised value (percent in percent, money in the currency)"),
            "numerator": ("Tử số (ratio)", "Numerator (ratio)"),
            "denominator": ("Mẫu số (ratio)", "Denominator (ratio)"),
            "unit": ("Danh từ đếm, viết thường (hộ, lao động…)", "Counted noun, lowercase (hộ, lao động…)"),
            "currency": ("Tiền tệ (VND, USD)", "Currency (VND, USD)"),
            "indicator": ("Mã chỉ tiêu (poor_households…)", "Indicator key (poor_households…)"),
            "area": ("Địa bàn mà số liệu nói đến", "Administrative area the figure is about"),
            "period": ("Thời kỳ của số liệu: BẮT_ĐẦU/KẾT_THÚC hoặc một ngày", "Period of the figure: START/END or a day"),
            "comparator": ("So sánh: =, >, >=, <, <=, ~ (trống là =)", "Comparator: =, >, >=, <, <=, ~ (empty means =)"),
            "change": ("Mức thay đổi: increase, decrease hoặc trống", "A change: increase, decrease or empty"),
            "target": ("1 nếu là mục tiêu, kế hoạch; 0 nếu là kết quả", "1 for a goal or plan, 0 for an achieved figure"),
            "value_start": ("Đầu giai đoạn (period): YYYY hoặc YYYY-MM", "Start of the period (period): YYYY or YYYY-MM"),
            "value_end": ("Cuối giai đoạn (period): YYYY hoặc YYYY-MM", "End of the period (period): YYYY or YYYY-MM"),
            "date_value": ("Ngày (date): YYYY-MM-DD hoặc YYYY-MM", "The date (date): YYYY-MM-DD or YYYY-MM"),
            "name": ("Tên người hoặc địa bàn (person, area)", "Name of the person or area (person, area)"),
            "titles": ("Chức danh của người (JSON, danh sách)", "Positions of the person (JSON list)"),
            "ref": ("Số ký hiệu văn bản (42-NQ/TW)", "Symbol of the cited document (42-NQ/TW)"),
            "doc_type": ("Loại văn bản (Nghị quyết, Quyết định…)", "Type of the cited document (Nghị quyết, Quyết định…)"),
            "date": ("Ngày ban hành văn bản", "Date of the cited document"),
            "level": ("Cấp hành chính (tỉnh, huyện, xã…)", "Administrative level (tỉnh, huyện, xã…)"),
            "code": ("Mã đơn vị hành chính", "Administrative unit code"),
            "rule_id": ("Quy tắc đã trích ra dữ kiện (rules/*.yaml)", "Rule that extracted the fact (rules/*.yaml)"),
            "measure": ("Đại lượng mà số liệu đo, theo lời bài báo", "What the figure measures, in the article's words"),
            "measure_folded": ("Đại lượng viết thường, bỏ dấu: để tìm không dấu", "The measure lowercased without diacritics, for search"),
            "area_level": ("Cấp của địa bàn (tỉnh, huyện, xã…)", "Level of the figure's area (province, district, commune…)"),
            "area_code": ("Mã đơn vị hành chính của địa bàn", "Administrative unit code of the figure's area"),
            "province": ("Tỉnh/thành phố chứa địa bàn", "Province or city the area lies in"),
            "province_code": ("Mã tỉnh/thành phố", "Province code"),
        },
    ),
    "runs": (
        "Các lượt nạp", "Ingest runs",
        {
            "id": ("Số lượt", "Run number"),
            "version": ("Phiên bản chitieu", "chitieu version"),
            "rules_hash": ("Mã băm của bộ quy tắc", "Hash of the rule files"),
            "started": ("Bắt đầu (UTC)", "Started (UTC)"),
            "finished": ("Kết thúc (UTC)", "Finished (UTC)"),
            "documents": ("Số tài liệu đã nạp", "Documents ingested"),
            "skipped": ("Số tài liệu đã có, bỏ qua", "Documents already present, skipped"),
            "facts": ("Số dữ kiện đã ghi", "Facts written"),
            "errors": ("Số tệp lỗi", "Files that failed"),
        },
    ),
    "errors": (
        "Các tệp không đọc được và lý do", "Files that could not be read, and why",
        {
            "id": ("Mã lỗi", "Error id"),
            "path": ("Đường dẫn tệp", "File path"),
            "reason": ("Lý do và cách sửa", "Reason and fix"),
            "run": ("Lượt nạp", "Ingest run"),
            "at": ("Thời điểm (UTC)", "When (UTC)"),
            "kind": ("Loại lỗi: read (tệp), crash (lỗi chương trình), budget (quá thời gian)",
                     "Kind: read (the file), crash (a bug), budget (over the time budget)"),
            "detail": ("Vết lỗi đầy đủ (traceback) của lỗi chương trình", "Full traceback of a crash"),
        },
    ),
    "checks": (
        "Kiểm tra tính nhất quán của số liệu: tỷ lệ và phần trăm, tổng suy ra, ngoài khoảng hợp lý, mâu thuẫn giữa các bài",
        "Consistency checks of figures: ratio vs percent, implied totals, out of range, conflicts across articles",
        {
            "id": ("Mã kiểm tra", "Check id"),
            "document": ("Tài liệu (trống nếu so giữa nhiều bài)", "Document (empty when across articles)"),
            "check": ("Loại kiểm tra: ratio_percent, count_share_total, out_of_range, conflict",
                      "Check: ratio_percent, count_share_total, out_of_range, conflict"),
            "message": ("Mô tả", "Message"),
            "facts": ("Các dữ kiện liên quan: JSON [[bắt đầu, kết thúc], …]", "Facts involved: JSON [[start, end], …]"),
            "expected": ("Giá trị tính được", "Computed value"),
            "stated": ("Giá trị bài báo nêu", "Value the article states"),
        },
    ),
    "eval_runs": (
        "Các lần chấm điểm bộ trích xuất với bộ chuẩn (chitieu eval --db)",
        "Scorings of the extractor against the gold set (chitieu eval --db)",
        {
            "at": ("Thời điểm (UTC)", "When (UTC)"),
            "rules_hash": ("Mã băm của bộ quy tắc", "Hash of the rule files"),
            "gold_hash": ("Mã băm của bộ chuẩn", "Hash of the gold set"),
            "scores": ("Kết quả (JSON của chitieu eval --json)", "Scores (JSON of chitieu eval --json)"),
        },
    ),
    "indicator_values": (
        "Mỗi số liệu có chỉ tiêu (hoặc đại lượng): giá trị, đơn vị, địa bàn, thời kỳ, câu nguồn, trang soát",
        "Every figure with an indicator (or a measure): value, unit, area, period, source sentence, review page",
        {
            "value": ("Giá trị (số; ratio: tử số)", "Value (a number; ratio: the numerator)"),
            "unit": ("Đơn vị: %, tiền tệ, hoặc danh từ đếm", "Unit: %, the currency, or the counted noun"),
            "indicator": ("Mã chỉ tiêu", "Indicator key"),
            "measure": ("Đại lượng mà số liệu đo, theo lời bài báo", "What the figure measures, in the article's words"),
            "area": ("Địa bàn", "Area"),
            "province": ("Tỉnh (khi biết; nếu không, địa bàn)", "Province (when known; otherwise the area)"),
            "period": ("Thời kỳ BẮT_ĐẦU/KẾT_THÚC", "Period START/END"),
            "target_or_achieved": ("target: mục tiêu; achieved: kết quả", "target or achieved"),
            "change": ("Tăng/giảm (trống: mức)", "Increase/decrease (empty: a level)"),
            "sentence": ("Câu nguồn", "Source sentence"),
            "document_title": ("Tiêu đề bài", "Article title"),
            "published": ("Thời điểm đăng", "Publication time"),
            "review": ("Trang soát của bài", "The article's review page"),
            "kind": ("Loại số liệu", "Kind of figure"),
            "comparator": ("So sánh", "Comparator"),
            "denominator": ("Mẫu số (ratio)", "Denominator (ratio)"),
            "currency": ("Tiền tệ", "Currency"),
            "period_start": ("Đầu thời kỳ", "Period start"),
            "period_end": ("Cuối thời kỳ", "Period end"),
            "target": ("1 nếu là mục tiêu", "1 for a target"),
            "area_code": ("Mã đơn vị hành chính", "Administrative unit code"),
            "text": ("Đoạn văn bản", "Text as written"),
            "rule_id": ("Quy tắc", "Rule"),
            "article": ("Bài gốc của nhóm bài gần trùng", "First article of its near-duplicate group"),
            "document": ("Mã tài liệu", "Document id"),
            "start": ("Vị trí trong văn bản", "Offset in the text"),
            "fact": ("Mã dữ kiện", "Fact id"),
            "path": ("Đường dẫn tệp", "File path"),
        },
    ),
    "indicator_series": (
        "Chuỗi chỉ tiêu: mỗi địa bàn, thời kỳ, loại, mục tiêu/kết quả, thay đổi/mức, đơn vị; giá trị nhiều bài nêu nhất",
        "Indicator series: per area, period, kind, target/achieved, change/level and unit, the value most articles report",
        {
            "value": ("Giá trị nhiều bài nêu nhất (số)", "The value most articles report (a number)"),
            "unit": ("Đơn vị", "Unit"),
            "indicator": ("Mã chỉ tiêu", "Indicator key"),
            "measure": ("Đại lượng", "Measure"),
            "area": ("Địa bàn", "Area"),
            "province": ("Tỉnh", "Province"),
            "period": ("Thời kỳ", "Period"),
            "target_or_achieved": ("Mục tiêu hay kết quả", "Target or achieved"),
            "change": ("Tăng/giảm (trống: mức)", "Increase/decrease (empty: a level)"),
            "articles_agreeing": ("Số bài nêu giá trị này (bài gần trùng tính một)", "Articles reporting this value (near-duplicates once)"),
            "reports": ("Tổng số bài nêu", "Articles reporting any value"),
            "distinct_values": ("Số giá trị khác nhau", "Distinct values seen"),
            "rank": ("Thứ hạng của giá trị", "Rank of the value"),
            "kind": ("Loại số liệu", "Kind of figure"),
            "denominator": ("Mẫu số (ratio)", "Denominator (ratio)"),
            "currency": ("Tiền tệ", "Currency"),
            "period_start": ("Đầu thời kỳ", "Period start"),
            "period_end": ("Cuối thời kỳ", "Period end"),
            "target": ("1 nếu là mục tiêu", "1 for a target"),
            "area_code": ("Mã đơn vị hành chính", "Administrative unit code"),
            "example_review": ("Trang soát của một bài nêu giá trị", "Review page of an article reporting it"),
        },
    ),
    "near_duplicates": (
        "Nhóm bài gần trùng (MinHash/LSH): mỗi bài và bài gốc của nhóm",
        "Near-duplicate groups (MinHash/LSH): each article and its group's first article",
        {
            "document": ("Mã tài liệu", "Document id"),
            "signature": ("Chữ ký MinHash", "MinHash signature"),
            "group_id": ("Bài gốc của nhóm (chính nó nếu không trùng)", "The group's first article (itself when unique)"),
        },
    ),
    "near_duplicate_bands": (
        "Các dải LSH của chữ ký MinHash: hai bài chung một khoá là ứng viên trùng",
        "LSH bands of the MinHash signatures: two articles sharing a key are candidate duplicates",
        {
            "key": ("Khoá của dải (số dải và các giá trị của nó, đã băm)", "Band key (band number and its values, hashed)"),
            "document": ("Mã tài liệu", "Document id"),
        },
    ),
}

FACETS = {
    "facts": ["kind", "indicator", "area", "period", "target"],
    # two facets only: the data, not the facets, fill the first screen
    "indicator_values": ["indicator", "province"],
    "indicator_series": ["indicator", "province"],
    "checks": ["check"],
}


def both(vi: str, en: str) -> str:
    return f"{vi} — {en}"


def _review(col: str) -> str:
    return f"'{REVIEW_PREFIX}' || {col}"


def canned_queries(tables: set[str]) -> dict:
    """The canned queries; ``persons`` is used only when the database has it."""
    q = {
        "indicator_by_area": {
            "title": both("Chỉ tiêu theo địa bàn qua thời gian", "An indicator by area over time"),
            "description": both(
                "Nhập mã chỉ tiêu (danh sách ở /-/chitieu/indicators) hoặc đại lượng; địa bàn, tỉnh gõ không dấu cũng được; "
                "thời kỳ: một năm (2017); để trống để xem tất cả",
                "Give an indicator key (listed at /-/chitieu/indicators) or a measure; area and province with or "
                "without diacritics; period: a year (2017); leave empty for all"),
            "sql": (
                "select area, province, period, value, denominator, unit, target_or_achieved, change, kind,\n"
                "       articles_agreeing, reports, distinct_values, indicator, measure\n"
                "from indicator_series\n"
                "where (indicator = :indicator or (indicator is null and chitieu_fold(measure) = chitieu_fold(:indicator)))\n"
                "  and (coalesce(:area, '') = '' or chitieu_fold(area) = chitieu_fold(:area))\n"
                "  and (coalesce(:province, '') = '' or chitieu_fold(province) = chitieu_fold(:province))\n"
                "  and (coalesce(:year, '') = '' or (substr(coalesce(period_start, period_end), 1, 4) <= :year\n"
                "       and substr(coalesce(period_end, period_start), 1, 4) >= :year))\n"
                "order by province, area, period_start, period_end, kind, target"
            ),
        },
        "document_facts": {
            "title": both("Mọi dữ kiện của một tài liệu", "All facts of a document"),
            "description": both("Nhập mã tài liệu (hoặc phần đầu của mã) hoặc đường dẫn tệp",
                                "Give a document id (or its first characters) or its file path"),
            "sql": (
                "select d.title as document_title, f.kind, f.text, f.start, f.\"end\", f.value, f.numerator,\n"
                "       f.denominator, f.unit, f.currency, f.indicator, f.area, f.period, f.comparator, f.change,\n"
                "       f.target, f.date_value, f.value_start, f.value_end, f.name, f.titles, f.ref, f.doc_type,\n"
                "       f.date, f.level, f.rule_id, s.text as sentence, " + _review("f.document") + " as review\n"
                "from facts f\n"
                "join documents d on d.id = f.document\n"
                "left join sentences s on s.id = f.sentence\n"
                "where :document != '' and f.document in\n"
                "  (select id from documents where id like :document || '%' or path = :document)\n"
                "order by f.document, f.start, f.\"end\""
            ),
        },
        "officials": {
            "title": both("Quan chức và chức danh", "Officials and their titles"),
            "description": both("Người có chức danh được nêu trong các bài (dữ kiện loại person)",
                                "Named persons with a position in the articles (facts of kind person)"),
            "sql": (
                "with p as (select name, document, titles from facts where kind = 'person'),\n"
                "t as (select distinct p.name, j.value as title from p, json_each(coalesce(p.titles, '[]')) j)\n"
                "select p.name,\n"
                "       (select group_concat(title, '; ') from t where t.name = p.name) as titles,\n"
                "       count(distinct p.document) as articles,\n"
                "       (select group_concat(title, ' | ') from (select distinct d.title from p p2\n"
                "          join documents d on d.id = p2.document where p2.name = p.name)) as article_titles\n"
                "from p group by p.name order by articles desc, p.name"
            ),
        },
        "documents_cited": {
            "title": both("Văn bản được trích dẫn nhiều nhất", "Documents cited most"),
            "description": both("Nghị quyết, quyết định, chương trình… theo số bài trích dẫn (dữ kiện loại document)",
                                "Resolutions, decisions, programmes… by how many articles cite them (facts of kind document)"),
            "sql": (
                "with c as (select ref, doc_type, date, document from facts where kind = 'document')\n"
                "select c.ref, max(c.doc_type) as doc_type, max(c.date) as date,\n"
                "       count(distinct c.document) as articles,\n"
                "       (select group_concat(title, ' | ') from (select distinct d.title from c c2\n"
                "          join documents d on d.id = c2.document where c2.ref = c.ref)) as article_titles\n"
                "from c group by c.ref order by articles desc, c.ref"
            ),
        },
        "failed_checks": {
            "title": both("Số liệu không nhất quán", "Figures failing a consistency check"),
            "description": both("Mỗi dòng là một dữ kiện liên quan đến một kiểm tra không đạt (bảng checks)",
                                "One row per fact involved in a failed check (checks table)"),
            "sql": (
                "select c.id as check_id, c.\"check\", c.message, c.expected, c.stated,\n"
                "       d.title as document_title, f.kind, f.text, f.value, f.numerator, f.denominator,\n"
                "       f.indicator, f.area, f.period, f.rule_id, s.text as sentence,\n"
                "       case when c.document is not null then " + _review("c.document") + " end as review\n"
                "from checks c\n"
                "left join documents d on d.id = c.document\n"
                "left join json_each(coalesce(c.facts, '[]')) j\n"
                "left join facts f on f.document = c.document and f.start = json_extract(j.value, '$[0]')\n"
                "     and f.\"end\" = json_extract(j.value, '$[1]')\n"
                "left join sentences s on s.id = f.sentence\n"
                "order by c.id, f.start"
            ),
        },
        "search": {
            "title": both("Tìm câu (có dấu hay không dấu)", "Search sentences (with or without diacritics)"),
            "description": both('Gõ có dấu hay không dấu: ho ngheo tìm thấy "hộ nghèo", dat tìm thấy "đạt"; mọi từ phải có mặt; '
                                '"trong ngoặc kép" là cụm từ; từ* tìm theo tiền tố',
                                'Type with or without diacritics: ho ngheo finds "hộ nghèo", dat finds "đạt"; every word '
                                'must occur; "in double quotes" is a phrase; word* is a prefix search'),
            "sql": (
                "select s.document, d.title as document_title, s.idx, s.text, " + _review("s.document") + " as review\n"
                "from sentences_fts\n"
                "join sentences s on s.rowid = sentences_fts.rowid\n"
                "join documents d on d.id = s.document\n"
                "where sentences_fts match chitieu_fts_query(:q)\n"
                "order by sentences_fts.rank\n"
                "limit 200"
            ),
        },
    }
    if "persons" in tables:
        q["persons"] = {
            "title": both("Bảng persons", "The persons table"),
            "description": both("Thực thể người (khi cơ sở dữ liệu có bảng persons)",
                                "Person entities (when the database has a persons table)"),
            "sql": "select * from persons",
        }
    return q


def metadata(tables: set[str], name: str) -> dict:
    """Datasette metadata for a database named ``name`` holding ``tables``
    (tables and views; only those present are described)."""
    from markupsafe import escape

    out_tables: dict[str, dict] = {}
    for table, (vi, en, _cols) in TABLES.items():
        if table not in tables:
            continue
        # one line; the columns are described on the data dictionary page, not above the data
        entry: dict = {"description_html": f'{escape(both(vi, en))} — <a href="/-/chitieu/dictionary#{table}">columns / các cột</a>'}
        if table in FACETS:
            entry["facets"] = FACETS[table]
        out_tables[table] = entry
    if "documents" in out_tables:
        out_tables["documents"]["label_column"] = "title"
    if "sentences" in out_tables:
        out_tables["sentences"]["fts_table"] = "sentences_fts"
        out_tables["sentences"]["fts_pk"] = "rowid"
    return {
        "title": "chitieu — chỉ tiêu từ tin tức / indicators from Vietnamese news",
        "description_html": (
            '<b><a href="/-/chitieu/indicators">Chỉ tiêu / Indicators</a></b>: a page per indicator with its '
            'definition, a chart over time per area and every figure with its sentence · '
            '<a href="/-/chitieu/dictionary">Data dictionary / Từ điển dữ liệu</a><br>'
            + both("Số liệu, ngày, giai đoạn, người, văn bản và địa bàn trích từ tin tức và thông cáo tiếng Việt, "
                   "mỗi dữ kiện kèm câu nguồn. Chỉ đọc.",
                   "Figures, dates, periods, officials, documents and areas extracted from Vietnamese news and press "
                   "releases, each with its source sentence. Read-only.")),
        "license": "Code MIT; article texts © their publishers, quoted for analysis / văn bản bài báo thuộc bản quyền của cơ quan báo chí",
        "source": "chitieu",
        "plugins": {PLUGIN: {"database": name}},
        "databases": {
            name: {
                "description": both("Cơ sở dữ liệu chỉ tiêu", "The indicators database"),
                "tables": out_tables,
                "queries": canned_queries(tables),
            }
        },
    }


# --------------------------------------------------------------------------------------------
# the plugin


def fts_query(q: str | None) -> str:
    """A user's search words → an FTS5 query over folded text: every word
    must occur (in any order), ``"hộ nghèo"`` in double quotes is a phrase,
    ``word*`` a prefix search; punctuation and FTS5 operators are harmless;
    nothing → a query that matches nothing."""
    parts = []
    for m in regex.finditer(r'"([^"]*)"|(\S+)', search_key(q or "")):
        if m.group(1) is not None:
            words = regex.sub(r"[^\p{L}\p{N}]+", " ", m.group(1)).strip()
            if words:
                parts.append(f'"{words}"')
            continue
        w = m.group(2)
        prefix = w.endswith("*")
        w = regex.sub(r"[^\p{L}\p{N}]+", " ", w).strip()
        if w:
            parts.append(f'"{w}"' + ("*" if prefix else ""))
    return " ".join(parts) or '""'


@hookimpl
def prepare_connection(conn):
    conn.create_function("chitieu_fold", 1, search_key, deterministic=True)
    conn.create_function("chitieu_fts_query", 1, fts_query, deterministic=True)


def _review_link(datasette, doc_id: str, label: str):
    from markupsafe import Markup, escape

    href = datasette.urls.path(REVIEW_PREFIX + doc_id)
    return Markup(f'<a href="{escape(href)}" title="review page / trang soát">{escape(label)}</a>')


HASH_COLUMNS = {"id", "fact", "document", "sentence", "article", "group_id"}


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if table == "documents" and column == "title":
        doc_id = row["id"] if "id" in row.keys() else None
        if doc_id:
            return _review_link(datasette, doc_id, value or "(no title)")
    if column == "review" or column == "example_review":
        if isinstance(value, str) and value.startswith(REVIEW_PREFIX):
            return _review_link(datasette, value[len(REVIEW_PREFIX):], "review")
    if column == "value" and table in ("indicator_values", "indicator_series") and isinstance(value, (int, float)):
        from markupsafe import Markup, escape

        from .pages import num

        unit = row["unit"] if "unit" in row.keys() else None
        return Markup(f'<span title="{value!r}">{escape(num(value, unit if unit in ("%", "VND", "USD", "EUR") else None))}</span>')
    if column in ("document", "article", "group_id") and isinstance(value, str) and len(value) == 64:
        # a document is its review page, not a raw row
        return _review_link(datasette, value, value[:8] + "…")
    if column in HASH_COLUMNS and isinstance(value, str) and len(value) >= 32:
        from markupsafe import Markup, escape

        return Markup(f'<span title="{escape(value)}">{escape(value[:8])}…</span>')
    return None


def _db(datasette):
    name = (datasette.plugin_config(PLUGIN) or {}).get("database")
    return datasette.get_database(name)


async def _review_page(datasette, request):
    from datasette.utils.asgi import Response
    from markupsafe import escape

    from .review import DocumentNotFound, review_html

    db = _db(datasette)
    doc = request.url_vars["doc"]
    back = datasette.urls.path("/-/chitieu/indicators")
    try:
        html = await db.execute_fn(lambda conn: review_html(conn, doc, back_url=back))
    except DocumentNotFound as exc:
        return Response.html(f"<!doctype html><p>{escape(str(exc))}</p>", status=404)
    return Response.html(html)


async def _document_row(datasette, request):
    """A document's row page is its review page."""
    from datasette.utils.asgi import Response

    return Response.redirect(datasette.urls.path(REVIEW_PREFIX + request.url_vars["doc"]))


async def _indicators_page(datasette, request):
    from datasette.utils.asgi import Response

    from .pages import index_html

    return Response.html(await _db(datasette).execute_fn(index_html))


async def _find(datasette, request):
    from datasette.utils.asgi import Response

    from .pages import find_url

    q = request.args.get("q") or ""
    url = await _db(datasette).execute_fn(lambda conn: find_url(conn, q))
    if url:
        return Response.redirect(datasette.urls.path(url))
    from .pages import esc, page

    return Response.html(page("Not found", f"<h1>Nothing called {esc(q)}</h1><p>No indicator key, measure or "
                              f'definition matches; see <a href="/-/chitieu/indicators">the list of keys</a>.</p>'),
                         status=404)


async def _indicator_page(datasette, request):
    from datasette.utils.asgi import Response

    from .indicators import known_keys
    from .pages import esc, indicator_html, page

    params = {k: request.args.get(k) for k in ("area", "province", "period", "by")}
    if "key" in request.url_vars:
        what, name = "indicator", request.url_vars["key"]
        if name not in known_keys():
            return Response.html(page("Not found", f"<h1>No indicator key {esc(name)}</h1>"
                                      '<p>See <a href="/-/chitieu/indicators">the list of keys</a>.</p>'), status=404)
    else:
        what, name = "measure", request.args.get("m") or ""
    html = await _db(datasette).execute_fn(lambda conn: indicator_html(conn, what, name, params, request.path))
    return Response.html(html)


async def _dictionary_page(datasette, request):
    from datasette.utils.asgi import Response

    from .pages import dictionary_html

    return Response.html(dictionary_html(TABLES))


@hookimpl
def register_routes():
    return [
        (r"^/-/chitieu/review/(?P<doc>[0-9a-fA-F]{4,64})$", _review_page),
        (r"^/-/chitieu/indicators$", _indicators_page),
        (r"^/-/chitieu/find$", _find),
        (r"^/-/chitieu/indicator/(?P<key>[A-Za-z0-9_]+)$", _indicator_page),
        (r"^/-/chitieu/measure$", _indicator_page),
        (r"^/-/chitieu/dictionary$", _dictionary_page),
        (r"^/[^/]+/documents/(?P<doc>[0-9a-f]{64})$", _document_row),
    ]


# --------------------------------------------------------------------------------------------


def prepare(db_path: str | Path, immutable: bool = False) -> tuple[set[str], bool]:
    """(Returns the names and whether the file is served live, not immutable.)"""
    """The names of the tables and views, read without writing anything.
    ``immutable`` is for a published file only: SQLite then skips locking and
    ignores the WAL, so a file with a non-empty WAL (an ingest is running or
    did not finish) is refused."""
    from .dbcheck import connect_ro
    from .views import views_current

    wal = Path(str(db_path) + "-wal")
    if immutable and wal.exists() and wal.stat().st_size > 0:
        raise ValueError(f"{db_path}: its WAL holds data an immutable reader would not see (an ingest is writing or "
                         "was stopped); serve it without --immutable, or finish the ingest first")
    try:
        con = connect_ro(db_path)
    except sqlite3.OperationalError:  # a file the user cannot write: mode=ro cannot open its WAL index
        immutable = True
        con = sqlite3.connect(f"file:{quote(str(Path(db_path).resolve()))}?immutable=1", uri=True)
    try:
        names = {r[0] for r in con.execute("select name from sqlite_master where type in ('table', 'view')")}
        if not views_current(con):
            print(f"note: {db_path} has views from another chitieu version; the indicator pages are current, "
                  f"`chitieu ingest` on it (even of nothing new) updates the views", file=sys.stderr)
    finally:
        con.close()
    return names, not immutable


def make_datasette(db_path: str | Path, immutable: bool = False):
    """A Datasette instance over the database with the metadata and the
    plugin. By default the file is opened read-only (``mode=ro``), so each
    request sees what an ingest has committed; ``immutable`` for a published
    file that never changes."""
    from datasette.app import Datasette
    from datasette.plugins import pm

    path = str(Path(db_path))
    tables, live = prepare(path, immutable)
    immutable = not live
    name = Path(path).stem
    if not pm.has_plugin(PLUGIN):
        pm.register(sys.modules[__name__], name=PLUGIN)
    kw = {"immutables": [path]} if immutable else {"files": [path]}
    ds = Datasette(**kw, metadata=metadata(tables, name),
                   settings={"sql_time_limit_ms": 3000, "truncate_cells_html": 400})
    if name not in ds.databases or ds.databases[name].path != path:
        raise ValueError(f"{path}: Datasette cannot name this database {name!r}; rename the file")
    return ds


def serve(db_path: str | Path, host: str = "127.0.0.1", port: int = 8001, immutable: bool = False) -> None:
    """Start Datasette in the foreground (Ctrl-C stops it)."""
    import asyncio

    import uvicorn

    ds = make_datasette(db_path, immutable)
    asyncio.run(ds.invoke_startup())
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning", lifespan="on", workers=1)
