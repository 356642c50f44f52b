"""``chitieu``: a thin click CLI over the library. Library errors become
one-line ``ClickException``s that name the file and the fix."""

from __future__ import annotations

import json
import sys
from functools import wraps
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from . import __version__

console = Console(stderr=True)
out = Console()


def db_option(default: str = "chitieu.db"):
    return click.option("--db", "db_path", default=default, show_default=True, type=click.Path(dir_okay=False),
                        help="SQLite database file.")


def rules_option(fn):
    return click.option("--rules", "rules_dir", type=click.Path(exists=True, file_okay=False),
                        help="Rules folder to use instead of the package's rules/ (an edited copy of it); "
                             "every file is validated first.")(fn)


def _rules(rules_dir: str | None):
    """The RuleSet of ``--rules`` (validated and built), else None: the default rules."""
    if not rules_dir:
        return None
    from .ruleset import RuleSet

    return RuleSet.load(rules_dir)


def library_errors(fn):
    """Turn the library's errors into one-line ClickExceptions."""

    @wraps(fn)
    def wrapper(*a, **kw):
        try:
            return fn(*a, **kw)
        except ValueError as exc:
            from .rules import RuleError  # here, not before: a command that needs no rules loads none

            if isinstance(exc, RuleError):
                raise click.ClickException(str(exc)) from None
            raise click.ClickException(str(exc).splitlines()[0]) from None

    return wrapper


@click.group()
@click.version_option(__version__, prog_name="chitieu")
def cli():
    """chitieu: Vietnamese news and press releases → a database of indicators."""


def _extract_path(path: str):
    from .pipeline import extract_text
    from .reader import read_document

    from .ingest import file_meta

    src = read_document(path)
    meta = file_meta(src, path)
    return src, meta, extract_text(src.text, sidecar=meta, doc=path)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="table", show_default=True)
@rules_option
@library_errors
def extract(files, fmt, rules_dir):
    """Extract facts from FILES and print them (jsonl: the contract's output)."""
    from .ruleset import use

    with use(_rules(rules_dir)):
        _extract_files(files, fmt)


def _extract_files(files, fmt) -> None:
    from .ingest import crash_reason
    from .reader import ReadError, iter_paths, shown

    failed = 0
    for path in iter_paths(list(files)):
        try:
            src, file_meta, ex = _extract_path(str(path))
        except ReadError as exc:
            console.print(f"[red]error[/red] {escape(f'{shown(path)}: {exc.reason}')}", soft_wrap=True, highlight=False)
            failed += 1
            continue
        except Exception as exc:  # a bug in the extractor: report it, go on with the other files
            import traceback

            console.print(f"[red]error[/red] {escape(f'{shown(path)}: {crash_reason(exc)}')}", soft_wrap=True,
                          highlight=False)
            console.print(escape(traceback.format_exc()), soft_wrap=True, highlight=False, markup=False)
            failed += 1
            continue
        if fmt == "jsonl":
            meta = {"doc": str(path), "kind": "meta", **ex.meta.model_dump()}
            if file_meta.get("url"):
                meta["url"] = file_meta["url"]
            sys.stdout.write(json.dumps(meta, ensure_ascii=False) + "\n")
            for f in ex.facts:
                sys.stdout.write(json.dumps(f, ensure_ascii=False) + "\n")
        else:
            out.print(_facts_table(shown(path), ex.facts))
    if failed:
        raise click.ClickException(f"{failed} file(s) could not be read; see the errors above")


def _value(f: dict) -> str:
    k = f["kind"]
    if k == "ratio":
        return f"{f['numerator']:g}/{f['denominator']:g}"
    if k == "period":
        return f"{f.get('value_start') or ''}/{f.get('value_end') or ''}"
    if k == "person":
        return "; ".join(f["titles"])
    if k == "document":
        return f"{f.get('doc_type') or ''} {f.get('date') or ''}".strip()
    if k == "area":
        return f["level"]
    v = f.get("value")
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:,.10g}" + (" " + f["currency"] if k == "money" else "%" if k == "percent" else "")
    return str(v)


def _facts_table(title: str, facts: list[dict]) -> Table:
    t = Table(title=title, show_lines=False)
    for col in ("kind", "text", "value", "unit", "indicator", "area", "period", "rule"):
        t.add_column(col, overflow="fold")
    for f in facts:
        t.add_row(f["kind"], f["text"], _value(f), f.get("unit") or "", f.get("indicator") or "",
                  f.get("area") or "", f.get("period") or "", f.get("rule_id") or "")
    return t


def output_options(fn):
    """--json / --csv on a command that prints rows."""
    fn = click.option("--csv", "as_csv", is_flag=True, help="Print CSV (a header line, then one line per row).")(fn)
    fn = click.option("--json", "as_json", is_flag=True, help="Print JSON.")(fn)
    return fn


def _plain(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:.10g}" if not v.is_integer() or abs(v) >= 1e16 else str(int(v))
    return str(v).replace("\t", " ").replace("\n", " ")


def emit(columns: list[str], rows: list, title: str | None = None, fmt: str | None = None) -> None:
    """Rows to standard output: JSON, CSV, a rich table on a terminal, or plain
    tab-separated lines (a header first) when piped, so no header ever wraps."""
    if fmt == "json":
        sys.stdout.write(json.dumps([dict(zip(columns, r)) for r in rows], ensure_ascii=False, indent=1) + "\n")
        return
    if fmt == "csv":
        import csv

        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(columns)
        for r in rows:
            w.writerow(["" if v is None else v for v in r])
        return
    if not out.is_terminal:
        if title:
            sys.stdout.write(f"# {title}\n")
        sys.stdout.write("\t".join(columns) + "\n")
        for r in rows:
            sys.stdout.write("\t".join(_plain(v) for v in r) + "\n")
        return
    t = Table(title=title)
    for c in columns:
        t.add_column(c, overflow="fold")
    for r in rows:
        t.add_row(*[escape(_plain(v)) for v in r])
    out.print(t)


def _fmt(as_json: bool, as_csv: bool) -> str | None:
    if as_json and as_csv:
        raise click.UsageError("give --json or --csv, not both")
    return "json" if as_json else "csv" if as_csv else None


def _check_db(db_path: str, must_exist: bool) -> None:
    from .dbcheck import DatabaseProblem, check_db

    try:
        check_db(db_path, must_exist=must_exist)
    except DatabaseProblem as exc:
        raise click.ClickException(str(exc)) from None


def _ro(db_path: str):
    from .dbcheck import connect_ro

    _check_db(db_path, must_exist=True)
    return connect_ro(db_path)


def _finish_writes(db) -> None:
    from .ingest import finish

    finish(db)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@db_option()
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Worker processes that extract (default: the cores; one writer commits).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: this machine; dask: partitions on a Dask cluster, each writing a shard, merged here.")
@click.option("--scheduler", help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (default: a local cluster).")
@click.option("--shards", "shard_dir", type=click.Path(file_okay=False),
              help="Folder for the Dask shards, shared by every worker (default: DB.shards/).")
@click.option("--quiet", is_flag=True, help="No progress bar and no summary.")
@click.option("--budget", type=click.FloatRange(min=0), default=60.0, show_default=True,
              help="Seconds one document may take; over it the file is an error row and the batch goes on (0: none).")
@click.option("--follow-symlinks", is_flag=True,
              help="Follow symbolic links that lead outside the given folders (by default they are skipped).")
@library_errors
def ingest(paths, db_path, workers, engine, scheduler, shard_dir, quiet, budget, follow_symlinks):
    """Extract every article under PATHS into the database.

    Directories are walked recursively for .txt, .html and .htm files (HTML
    pages through trafilatura: their main text and metadata); a file that
    cannot be read is recorded in the `errors` table and skipped. Re-ingesting
    the same bytes adds nothing; each document is one transaction, so a killed
    run loses nothing and a re-run finishes it. The exit status is the number
    of failed files (at most 125)."""
    import os

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from .ingest import ingest as run_ingest
    from .ingest import ingest_dask, merge
    from .reader import iter_paths, shown
    from .rules import rules_hash
    from .store import finish_run, open_db, record_error, refresh_conflicts, start_run

    _check_db(db_path, must_exist=False)

    def listed(on_skip=None):
        return iter_paths(list(paths), follow_symlinks=follow_symlinks, on_skip=on_skip)

    total = sum(1 for _ in listed())  # a count, not a list: memory stays flat
    other = skipped_types(paths)
    if other:
        console.print("skipped " + ", ".join(f"{n} {suffix or '(no suffix)'}" for suffix, n in other)
                      + " file(s): chitieu reads .txt, .html and .htm (convert PDF/DOCX to text first)",
                      highlight=False, soft_wrap=True)
    if not total:
        raise click.ClickException(f"no .txt/.html files under {', '.join(map(shown, paths))}; "
                                   f"pass article files or folders")
    db = open_db(db_path)
    run = start_run(db, rules_hash())
    refused: list[tuple[str, str]] = []

    def skip(path, reason):  # a link out of the given folders: a line and a row, the batch goes on
        refused.append((shown(path), reason))
        record_error(db, shown(path), reason, run, kind="read")

    if engine == "dask":
        shards = ingest_dask([str(p) for p in listed(skip)], shard_dir or f"{db_path}.shards",
                             scheduler=scheduler, budget=budget,
                             on_progress=None if quiet else lambda sh: console.print(
                                 f"partition done → {escape(sh)}", highlight=False, soft_wrap=True))
        counts = merge(db, shards, run=run)
        done, skipped, n_facts = counts["merged"], counts["skipped"], counts["facts"]
        failures = counts["failures"]
    else:
        workers = workers or os.cpu_count() or 1
        if total < 4 * workers:
            workers = 1  # a handful of files: starting processes costs more than it saves
        with Progress(TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=console, disable=quiet) as progress:
            task = progress.add_task("ingest", total=total)
            s = run_ingest(db, db_path, listed(skip), workers=workers, run=run, budget=budget,
                           on_progress=lambda o: progress.advance(task))
        done, skipped, n_facts, failures = s.documents, s.skipped, s.facts, s.failures
    failures = refused + failures
    finish_run(db, run, documents=done, skipped=skipped, facts=n_facts, errors=len(failures))
    refresh_conflicts(db)
    _finish_writes(db)
    for p, reason in failures:
        console.print(f"[red]error[/red] {escape(f'{p}: {reason}')}", soft_wrap=True, highlight=False)
    if not quiet:
        console.print(f"{done} document(s) ingested, {skipped} already present, {len(failures)} failed → {db_path}")
        _summary(db)
    sys.exit(min(len(failures), 125))


@cli.command("merge")
@click.argument("shards", nargs=-1, required=True, type=click.Path(dir_okay=False))
@db_option()
@library_errors
def merge_cmd(shards, db_path):
    """Merge SQLite shards (written by `ingest --engine dask`) into the
    database; documents already there are left alone, so merging twice adds
    nothing."""
    from .ingest import merge
    from .store import open_db, refresh_conflicts

    _check_db(db_path, must_exist=False)
    db = open_db(db_path)
    counts = merge(db, shards)
    refresh_conflicts(db)
    _finish_writes(db)
    click.echo(f"{counts['merged']} document(s) merged, {counts['skipped']} already present → {db_path}")


def skipped_types(paths) -> list[tuple[str, int]]:
    """Files under the folders of ``paths`` that ingest does not read, counted
    by suffix (most first); hidden files and .meta.json sidecars are not
    counted."""
    from collections import Counter

    from .reader import ARTICLE_SUFFIXES

    c: Counter = Counter()
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for q in p.rglob("*"):
                if q.is_file() and not any(part.startswith(".") for part in q.relative_to(p).parts):
                    if q.suffix.lower() not in ARTICLE_SUFFIXES and not q.name.endswith(".meta.json"):
                        c[q.suffix.lower()] += 1
    return sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))


def _summary(db, fmt: str | None = None) -> None:
    kinds = db.execute("select kind, count(*) from facts group by kind order by count(*) desc, kind").fetchall()
    emit(["kind", "facts"], kinds, "facts per kind", fmt)
    rows = db.execute(
        "select text, indicator, area, period, rule_id from facts where indicator is not null "
        "and kind in ('quantity','percent','ratio','money') order by document, start limit 8"
    ).fetchall()
    emit(["text", "indicator", "area", "period", "rule_id"], rows, "example figures", fmt)


@cli.command()
@db_option()
@output_options
def stats(db_path, as_json, as_csv):
    """Counts per kind, per rule, the checks and the errors of the database
    (read-only)."""
    fmt = _fmt(as_json, as_csv)
    con = _ro(db_path)
    try:
        docs = con.execute("select count(*) from documents").fetchone()[0]
        kinds = con.execute("select kind, count(*) from facts group by kind order by count(*) desc, kind").fetchall()
        rules = con.execute("select rule_id, count(*) from facts group by rule_id order by 2 desc, 1").fetchall()
        checks = con.execute(
            'select c."check", coalesce(d.path, \'(across articles)\'), c.message from checks c '
            "left join documents d on d.id = c.document order by c.id").fetchall()
        errs = con.execute("select path, reason from errors order by at, path").fetchall()
        dups = 0
        if con.execute("select 1 from sqlite_master where name = 'near_duplicates'").fetchone():
            dups = con.execute("select count(*) from near_duplicates where group_id != document").fetchone()[0]
    finally:
        con.close()
    if fmt == "json":
        click.echo(json.dumps({
            "documents": docs, "near_duplicates": dups, "facts_per_kind": dict(kinds),
            "facts_per_rule": {r or "": n for r, n in rules},
            "checks": [{"check": c, "document": d, "message": m} for c, d, m in checks],
            "errors": [{"path": p, "reason": r} for p, r in errs]}, ensure_ascii=False, indent=1))
        return
    if fmt == "csv":  # one table: section, name, value
        rows = [("documents", "", docs), ("near_duplicates", "", dups)]
        rows += [("kind", k, n) for k, n in kinds] + [("rule", r or "", n) for r, n in rules]
        rows += [("check", c, f"{d}: {m}") for c, d, m in checks] + [("error", p, r) for p, r in errs]
        emit(["section", "name", "value"], rows, fmt="csv")
        return
    click.echo(f"{docs} documents ({dups} near-duplicates of another, counted once in series)")
    emit(["kind", "facts"], kinds, "facts per kind")
    emit(["rule_id", "facts"], [(r or "", n) for r, n in rules], "facts per rule")
    if checks:
        emit(["check", "document", "message"], checks, f"consistency checks ({len(checks)})")
    if errs:
        emit(["path", "reason"], errs, f"errors ({len(errs)})")


@cli.group()
def gold():
    """The hand-annotated gold set."""


@gold.command("check")
@click.argument("gold_dir", default="gold", type=click.Path(file_okay=False))
@click.option("--root", default=".", type=click.Path(file_okay=False), help="Where the gold's doc paths start.")
def gold_check(gold_dir, root):
    """Validate every gold file: schema, offsets, NFC, hash, duplicates, keys."""
    from .gold import check_dir

    problems, n = check_dir(Path(gold_dir), Path(root))
    for p in problems:
        click.echo(p)
    if problems:
        raise click.ClickException(f"{len(problems)} problem(s) in {n} gold file(s)")
    click.echo(f"{n} gold file(s) ok")


@cli.command("eval")
@click.option("--gold", "gold_dir", default="gold", show_default=True, type=click.Path(file_okay=False))
@click.option("--pred", type=click.Path(dir_okay=False, exists=True), help="Score this contract JSONL instead of running the extractor.")
@click.option("--root", default=".", type=click.Path(file_okay=False), help="Where the gold's doc paths start.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--errors", "show_errors", is_flag=True, help="List every miss, spurious and wrong fact.")
@click.option("--db", "db_path", type=click.Path(dir_okay=False), help="Store this run in the eval_runs table.")
@rules_option
@library_errors
def eval_cmd(gold_dir, pred, root, as_json, show_errors, db_path, rules_dir):
    """Score the extractor (or --pred JSONL) against the gold set."""
    from .evaluate import evaluate_dir, render, store_run
    from .ruleset import use

    if db_path:
        _check_db(db_path, must_exist=False)
    if rules_dir and pred:
        raise click.UsageError("--rules runs the extractor; --pred scores a file instead: give one of them")
    with use(_rules(rules_dir)):
        report = evaluate_dir(Path(gold_dir), Path(root), Path(pred) if pred else None)
        if db_path:
            store_run(db_path, report)
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        render(report, out, show_errors=show_errors)


@cli.command("baseline")
@click.option("--gold", "gold_dir", default="gold", show_default=True, type=click.Path(file_okay=False))
@click.option("--file", "baseline_file", default="tests/eval_baseline.json", show_default=True, type=click.Path(dir_okay=False))
@click.option("--allow-regression", is_flag=True, help="Accept floors lower than the recorded ones.")
@library_errors
def baseline_cmd(gold_dir, baseline_file, allow_regression):
    """Re-record the evaluation floors (and the gold hash) of the CI gate."""
    from .evaluate import record_baseline

    lowered = record_baseline(Path(gold_dir), Path(baseline_file), allow_regression)
    for line in lowered:
        click.echo(f"lowered: {line}")
    click.echo(f"recorded {baseline_file}")


@cli.group()
def query():
    """Ready-made questions to the database (read-only)."""


SERIES_COLUMNS = ["area", "province", "period", "value", "unit", "target_or_achieved", "change", "kind",
                  "articles_agreeing", "reports", "distinct_values", "indicator", "measure"]


@query.command("indicator")
@click.argument("key", nargs=-1, required=True)
@click.option("--area", help="Only this area, with or without diacritics (\"hoa binh\" is Hòa Bình).")
@click.option("--province", help="Only this province (its own figures, or its districts' where the database knows them).")
@click.option("--period", help="Only figures whose period overlaps these years: 2017 or 2016-2017.")
@click.option("--all-values", is_flag=True, help="Every value reported per series, not only the one most articles report.")
@db_option()
@output_options
@library_errors
def query_indicator(key, area, province, period, all_values, db_path, as_json, as_csv):
    """The series of one indicator KEY (or, where no key applies, a measure as
    the articles word it): per area, period, kind, target or achieved, change
    or level and unit, the value most articles report and how many agree (an
    article and its near-duplicates count once)."""
    from .views import filter_sql, resolve, series_sql

    fmt = _fmt(as_json, as_csv)
    con = _ro(db_path)
    try:
        what, name = resolve(con, " ".join(key))
        where, args = filter_sql(area=area, province=province, period=period)
        cond = " and indicator = ?" if what == "indicator" else " and indicator is null and measure = ?"
        sql = (f"select {', '.join(SERIES_COLUMNS)} from ({series_sql(con, all_values, where=cond + where)}) "
               f"where 1 = 1 order by province, area, period_start, period_end, kind, target, change, rank")
        rows = con.execute(sql, [name, *args]).fetchall()  # the filters apply before grouping
    finally:
        con.close()
    title = f"{name}" + "".join(f" — {x}" for x in (area, province, period) if x) + f" ({len(rows)} rows)"
    emit(SERIES_COLUMNS, rows, title, fmt)


@query.command("indicators")
@db_option()
@output_options
def query_indicators(db_path, as_json, as_csv):
    """Every indicator key with its figures, areas and articles in the
    database, and its definition."""
    from .indicators import taxonomy
    from .views import values_sql

    fmt = _fmt(as_json, as_csv)
    con = _ro(db_path)
    try:
        counts = {r[0]: r[1:] for r in con.execute(
            f"select indicator, count(*), count(distinct area), count(distinct article) from ({values_sql(con)}) "
            "where indicator is not null group by indicator")}
    finally:
        con.close()
    rows = [(k, *counts.get(k, (0, 0, 0)), d.definition) for k, d in taxonomy().keys.items()]
    rows.sort(key=lambda r: (-r[1], r[0]))
    emit(["indicator", "figures", "areas", "articles", "definition"], rows, "indicator keys", fmt)


# --- analysts' tools: serve (Datasette), show (review page), export -------------------------


@cli.command("serve")
@db_option()
@click.option("--port", default=8001, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to listen on; 0.0.0.0 would show the database to the whole network.")
@click.option("--immutable", is_flag=True,
              help="For a published file that never changes: SQLite skips locking and Datasette caches counts. "
                   "Never on a database an ingest may write to.")
def serve_cmd(db_path, port, host, immutable):
    """Browse the database in Datasette, read-only: indicator pages with
    charts, area and period filters, canned queries, search without
    diacritics, a review page per document. The pages follow the data: what
    an ingest commits shows on the next request."""
    import socket

    from .serve import serve

    _check_db(db_path, must_exist=True)
    with socket.socket() as s:
        try:
            s.bind((host, port))
        except OSError as exc:
            raise click.ClickException(f"cannot listen on {host}:{port} ({exc.strerror}); pass another --port") from None
    console.print(f"serving {db_path} read-only{' (immutable)' if immutable else ''} at "
                  f"http://{host}:{port}/ — indicators at http://{host}:{port}/-/chitieu/indicators (Ctrl-C stops)",
                  highlight=False, soft_wrap=True)
    serve(db_path, host=host, port=port, immutable=immutable)


@cli.command("show")
@click.argument("doc")
@db_option()
@click.option("--html", "html_path", type=click.Path(dir_okay=False),
              help="Write the review page (text with every fact highlighted) to this file.")
@output_options
@library_errors
def show_cmd(doc, db_path, html_path, as_json, as_csv):
    """The facts of document DOC (an id prefix or a path): a table, or with
    --html a review page of the text with every fact highlighted."""
    from .review import describe, load, render_html

    fmt = _fmt(as_json, as_csv)
    con = _ro(db_path)
    try:
        document, facts, checks = load(con, doc)
    finally:
        con.close()
    if html_path:
        Path(html_path).write_text(render_html(document, facts, checks), encoding="utf-8")
        console.print(f"{len(facts)} facts of {document['path']} → {html_path}", highlight=False, soft_wrap=True)
        return
    if fmt == "json":
        doc_out = {k: v for k, v in document.items() if k != "text"}
        click.echo(json.dumps({"document": doc_out, "facts": facts, "checks": checks}, ensure_ascii=False, indent=1))
        return
    cols = ["kind", "text", "value", "indicator", "measure", "area", "period", "rule_id"]
    rows = [(f["kind"], f["text"], describe(f), f.get("indicator"), f.get("measure"), f.get("area"), f.get("period"),
             f.get("rule_id")) for f in facts]
    emit(cols, rows, f"{document.get('title') or document['path']} ({document['id'][:12]}, {len(facts)} facts)", fmt)
    if checks and fmt is None:
        emit(["check", "message"], [(c["check"], c["message"]) for c in checks], f"consistency checks ({len(checks)})")


def _known_indicators() -> set[str]:
    from .indicators import known_keys  # the rules and YAML: only when a key is to be checked

    return set(known_keys())


@cli.command("export")
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "parquet", "spacy"]), default="csv",
              show_default=True, help="csv (UTF-8 with BOM, for spreadsheets), jsonl, parquet (needs the `parquet` "
              "extra), or spacy (a DocBin of the documents with their facts as doc.spans['chitieu']).")
@click.option("--kind", type=click.Choice(["quantity", "percent", "ratio", "money", "date", "period", "person",
                                           "document", "area"]), help="Only facts of this kind.")
@click.option("--indicator", "indicator", metavar="KEY", help="Only figures of this indicator key.")
@db_option()
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write here instead of standard output.")
@library_errors
def export_cmd(fmt, kind, indicator, db_path, output):
    """Export the facts (with their document and sentence) for spreadsheets and pandas."""
    from .export import export

    if indicator and indicator not in _known_indicators():
        raise click.ClickException(f"unknown indicator {indicator!r}; `chitieu query indicators` lists the keys")
    con = _ro(db_path)
    try:
        n = export(con, fmt, output, kind=kind, indicator=indicator, stdout=sys.stdout.buffer)
    except RuntimeError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        con.close()
    if output:
        console.print(f"{n} facts → {output}", highlight=False, soft_wrap=True)
