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
@library_errors
def extract(files, fmt):
    """Extract facts from FILES and print them (jsonl: the contract's output)."""
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

    def listed(on_skip=None):
        return iter_paths(list(paths), follow_symlinks=follow_symlinks, on_skip=on_skip)

    total = sum(1 for _ in listed())  # a count, not a list: memory stays flat
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

    db = open_db(db_path)
    counts = merge(db, shards)
    refresh_conflicts(db)
    click.echo(f"{counts['merged']} document(s) merged, {counts['skipped']} already present → {db_path}")


def _summary(db) -> None:
    t = Table(title="facts per kind")
    t.add_column("kind")
    t.add_column("facts", justify="right")
    for kind, n in db.execute("select kind, count(*) from facts group by kind order by count(*) desc").fetchall():
        t.add_row(kind, str(n))
    out.print(t)
    ex = Table(title="example figures")
    for col in ("text", "indicator", "area", "period", "rule_id"):
        ex.add_column(col, overflow="fold")
    rows = db.execute(
        "select text, indicator, area, period, rule_id from facts where indicator is not null "
        "and kind in ('quantity','percent','ratio','money') order by document, start limit 8"
    ).fetchall()
    for r in rows:
        ex.add_row(*[str(x) if x is not None else "" for x in r])
    out.print(ex)


@cli.command()
@db_option()
def stats(db_path):
    """Counts per kind, per rule, and the errors of the database."""
    if not Path(db_path).exists():
        raise click.ClickException(f"{db_path}: no such database; run `chitieu ingest PATH --db {db_path}` first")
    from .store import connect_readonly

    db = connect_readonly(db_path)  # read-only commands never write (an ingest may be running)
    docs = db.execute("select count(*) from documents").fetchone()[0]
    out.print(f"{docs} documents")
    _summary(db)
    t = Table(title="facts per rule")
    t.add_column("rule_id")
    t.add_column("facts", justify="right")
    for rule, n in db.execute("select rule_id, count(*) from facts group by rule_id order by 2 desc").fetchall():
        t.add_row(rule or "", str(n))
    out.print(t)
    checks = db.execute(
        'select c."check", coalesce(d.path, \'(across articles)\'), c.message from checks c '
        "left join documents d on d.id = c.document order by c.id"
    ).fetchall()
    if checks:
        ct = Table(title=f"consistency checks ({len(checks)})")
        ct.add_column("check")
        ct.add_column("document", overflow="fold")
        ct.add_column("message", overflow="fold")
        for row in checks:
            ct.add_row(*row)
        out.print(ct)
    errs = db.execute("select path, reason from errors order by at, path").fetchall()
    if errs:
        e = Table(title=f"errors ({len(errs)})")
        e.add_column("path")
        e.add_column("reason", overflow="fold")
        for p, r in errs:
            e.add_row(p, r)
        out.print(e)


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
@library_errors
def eval_cmd(gold_dir, pred, root, as_json, show_errors, db_path):
    """Score the extractor (or --pred JSONL) against the gold set."""
    from .evaluate import evaluate_dir, render, store_run

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
    """Ready-made questions to the database."""


@query.command("indicator")
@click.argument("key")
@click.option("--area", help="Only this area (name as in the facts, e.g. \"Quốc Oai\").")
@db_option()
def query_indicator(key, area, db_path):
    """The series of indicator KEY: one row per area, period and kind across
    articles, with the value most articles report and how many agree."""
    if not Path(db_path).exists():
        raise click.ClickException(f"{db_path}: no such database; run `chitieu ingest PATH --db {db_path}` first")
    from .indicators import known_keys
    from .store import connect_readonly

    if key not in known_keys():
        raise click.ClickException(f"unknown indicator {key!r}; known: {', '.join(sorted(known_keys()))}")
    db = connect_readonly(db_path)
    sql = "select * from indicator_series where indicator = ?"
    args = [key]
    if area:
        sql += " and area_name = ?"
        args.append(area)
    sql += " order by area_name, period_start, period_end, kind, target"
    cur = db.execute(sql, args)
    cols = [c[0] for c in cur.description]
    rows = cur.fetchall()
    t = Table(title=f"{key}" + (f" — {area}" if area else "") + f" ({len(rows)} rows)")
    for c in ("area_name", "period", "kind", "target", "value", "unit", "articles_agreeing", "reports", "distinct_values"):
        t.add_column(c, overflow="fold")
    for r in rows:
        d = dict(zip(cols, r))
        t.add_row(*[("yes" if d[c] else "no") if c == "target" else ("" if d[c] is None else str(d[c]))
                    for c in ("area_name", "period", "kind", "target", "value", "unit", "articles_agreeing", "reports", "distinct_values")])
    out.print(t)


# --- analysts' tools: serve (Datasette), show (review page), export -------------------------


def _existing_db(db_path: str) -> None:
    if not Path(db_path).exists():
        raise click.ClickException(f"{db_path}: no such database; run `chitieu ingest PATH --db {db_path}` first")


@cli.command("serve")
@db_option()
@click.option("--port", default=8001, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to listen on; 0.0.0.0 would show the database to the whole network.")
def serve_cmd(db_path, port, host):
    """Browse the database in Datasette, read-only: described tables, facets,
    canned queries, search without diacritics, a review page per document."""
    import socket

    from .serve import check_database, serve

    try:
        check_database(db_path)
    except (FileNotFoundError, ValueError) as exc:
        raise click.ClickException(str(exc)) from None
    with socket.socket() as s:
        try:
            s.bind((host, port))
        except OSError as exc:
            raise click.ClickException(f"cannot listen on {host}:{port} ({exc.strerror}); pass another --port") from None
    console.print(f"serving {db_path} read-only at http://{host}:{port}/{Path(db_path).stem} (Ctrl-C stops)",
                  highlight=False, soft_wrap=True)
    serve(db_path, host=host, port=port)


@cli.command("show")
@click.argument("doc")
@db_option()
@click.option("--html", "html_path", type=click.Path(dir_okay=False),
              help="Write the review page (text with every fact highlighted) to this file.")
@library_errors
def show_cmd(doc, db_path, html_path):
    """The facts of document DOC (an id prefix or a path): a table, or with
    --html a review page of the text with every fact highlighted."""
    from rich.text import Text

    from .review import describe, load, render_html
    from .store import connect_readonly

    _existing_db(db_path)
    con = connect_readonly(db_path)
    try:
        document, facts, checks = load(con, doc)
    finally:
        con.close()
    if html_path:
        Path(html_path).write_text(render_html(document, facts, checks), encoding="utf-8")
        console.print(f"{len(facts)} facts of {document['path']} → {html_path}", highlight=False, soft_wrap=True)
        return
    t = Table(title=Text(f"{document.get('title') or document['path']} ({document['id'][:12]}, {len(facts)} facts)"))
    for col in ("kind", "text", "value", "indicator", "area", "period", "rule"):
        t.add_column(col, overflow="fold")
    for f in facts:
        t.add_row(*[Text(str(x)) for x in (f["kind"], f["text"], describe(f), f.get("indicator") or "",
                                           f.get("area") or "", f.get("period") or "", f.get("rule_id") or "")])
    out.print(t)
    if checks:
        ct = Table(title=f"consistency checks ({len(checks)})")
        ct.add_column("check")
        ct.add_column("message", overflow="fold")
        for c in checks:
            ct.add_row(Text(c["check"]), Text(c["message"]))
        out.print(ct)


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
    from .store import connect_readonly

    _existing_db(db_path)
    if indicator and indicator not in _known_indicators():
        raise click.ClickException(f"unknown indicator {indicator!r}; known: {', '.join(sorted(_known_indicators()))}")
    con = connect_readonly(db_path)
    try:
        n = export(con, fmt, output, kind=kind, indicator=indicator, stdout=sys.stdout.buffer)
    except RuntimeError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        con.close()
    if output:
        console.print(f"{n} facts → {output}", highlight=False, soft_wrap=True)
