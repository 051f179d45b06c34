"""The ``kg`` command line: thin wrappers over :mod:`kg.pipeline`, :mod:`kg.export` and :mod:`kg.sparql`.

The stages load spaCy and the models when imported, so each command imports what it runs inside its
function: ``kg --help`` answers at once. ``kg eval`` reaches the evaluation tools (:mod:`kg.tools`), the
only way from the runtime to them.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from contextlib import nullcontext
from dataclasses import asdict
from pathlib import Path

from tqdm import tqdm

from kg.atomic import atomic_write
from kg.cache import ExtractionCache
from kg.records import KgError, plural

PROGRESS_FROM = 5  # files; fewer finish before a bar would help


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``kg``; return the exit status. Errors are one line, ``error: …`` (``--debug``: the traceback)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    try:
        return args.run(args)
    except KgError as exc:
        if args.debug:
            raise
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 — an unforeseen failure is still one line
        if args.debug:
            raise
        print(f"error: {type(exc).__name__}: {exc} (kg --debug … shows the traceback)", file=sys.stderr)
        return 1


def build_parser() -> argparse.ArgumentParser:
    """The ``kg`` command line: build, extract, tag, eval, query, serve, each with ``--debug``."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                        help="show the traceback of an error")
    parser = argparse.ArgumentParser(prog="kg", description="govkg: a knowledge graph from Chinese "
                                     "local-government news digests.", parents=[common])
    parser.set_defaults(debug=False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    add_parser = sub.add_parser

    def with_common(*a, **k):
        return add_parser(*a, parents=[common], **k)

    sub.add_parser = with_common
    extract = sub.add_parser("extract", help="split digests and articles into items, write JSONL",
                             description="Read digests, chronicles and articles (.txt, .pdf, .docx, .html), "
                             "split them into news items and write one JSON object per item.")
    extract.add_argument("inputs", nargs="+", metavar="INPUT", help="files or directories to read")
    extract.add_argument("-o", "--output", required=True, metavar="ITEMS.jsonl", help="where to write the items")
    extract.add_argument("--year", type=int, help="the digest's year, when the document does not say")
    extract.add_argument("--month", type=int, choices=range(1, 13), metavar="MONTH",
                         help="the digest's month (1-12), when the document does not say")
    extract.add_argument("--date", type=iso_day, metavar="YYYY-MM-DD",
                         help="the publication date of articles whose page or text does not give one "
                         "(their 8日, 昨日 are resolved against it)")
    extract.add_argument("-j", "--jobs", type=int, default=1, metavar="N",
                         help="extract N files at a time in N processes (output identical to -j 1)")
    extract.add_argument("--dask", metavar="ADDRESS", help="run the documents as tasks on a Dask cluster: "
                         "tcp://HOST:PORT (a running scheduler) or local:N (N worker processes here)")
    extract.add_argument("--per-document", metavar="DIR",
                         help="also write one ITEMS file per input into DIR (for scale-out: merge with kg build)")
    extract.add_argument("--no-extract", action="store_true",
                         help="only split into items; leave the extraction fields empty")
    add_cache_options(extract)
    extract.set_defaults(run=cmd_extract)
    build = sub.add_parser("build", help="run the pipeline and write the graph (Turtle, N-Triples, GraphML, "
                           "items, SPARQL store)",
                           description="Read, segment, extract, resolve and build the knowledge graph; write "
                           "into DIR: govkg.ttl, govkg.nt, govkg.graphml, items.jsonl, an Oxigraph SPARQL store "
                           "(store/, served by kg serve) and the analysts' pages (index.html, overview.html, "
                           "coparticipation.html, organizations.html, persons.html). A build that extracts no "
                           "item writes nothing and exits 1, leaving DIR as it was.")
    build.add_argument("inputs", nargs="+", metavar="INPUT",
                       help="files or directories to read; .jsonl items files (kg extract) are merged as they are")
    build.add_argument("--out-dir", required=True, metavar="DIR", help="where to write the outputs")
    build.add_argument("-j", "--jobs", type=int, default=1, metavar="N", help="extract in N processes")
    build.add_argument("--dask", metavar="ADDRESS", help="extract on a Dask cluster: tcp://HOST:PORT (a running "
                       "scheduler) or local:N (N worker processes here); resolve and export run here")
    build.add_argument("--year", type=int, help="the digests' year, when a document does not say")
    build.add_argument("--month", type=int, choices=range(1, 13), metavar="MONTH", help="the digests' month")
    build.add_argument("--date", type=iso_day, metavar="YYYY-MM-DD",
                       help="the publication date of articles whose page or text does not give one")
    add_cache_options(build)
    build.set_defaults(run=cmd_build)
    query = sub.add_parser("query", help="run a SPARQL query (text or .rq file) on a built store",
                           description="Run a SPARQL SELECT or ASK query against the Oxigraph store that "
                           "kg build wrote, and print the answer.")
    query.add_argument("query", metavar="SPARQL|FILE.rq", help="the query, or a file holding it")
    query.add_argument("--store", required=True, metavar="DIR", help="a kg build output folder (or its store/)")
    query.add_argument("--format", choices=("table", "csv", "json"), default="table", help="how to print rows")
    query.set_defaults(run=cmd_query)
    tag = sub.add_parser("tag", help="tag one text per line (JSONL) with persons, bodies, places, posts",
                         description="Tag each line's text alone (no item segmentation): read "
                         '{"id": ..., "text": ...} lines, write {"id", "text", "persons", "organizations", '
                         '"places", "posts"} lines. "-" reads standard input / writes standard output.')
    tag.add_argument("input", metavar="IN.jsonl", help="texts to tag, one JSON object per line, or -")
    tag.add_argument("-o", "--output", default="-", metavar="OUT.jsonl", help="where to write (default: -)")
    tag.set_defaults(run=cmd_tag)
    serve = sub.add_parser("serve", help="serve a built store over the SPARQL 1.1 protocol (read-only)",
                           description="Serve the SPARQL store kg build wrote, read-only, with Oxigraph's "
                           "own server: queries at http://HOST:PORT/query. Ctrl-C stops it.")
    serve.add_argument("--store", required=True, metavar="DIR", help="a kg build output folder (or its store/)")
    serve.add_argument("--bind", default="127.0.0.1:7878", metavar="HOST:PORT", help="where to listen")
    serve.set_defaults(run=cmd_serve)
    evaluate = sub.add_parser("eval", help="score items against gold items (P/R/F1 per field)",
                              description="Score ITEMS.jsonl against GOLD.jsonl with the definitions of "
                              "the shared scorer: micro P/R/F1 per field, accuracy for dates and types.")
    evaluate.add_argument("gold", nargs="?", metavar="GOLD.jsonl", help="gold items (ANNOTATION.md format)")
    evaluate.add_argument("pred", nargs="?", metavar="ITEMS.jsonl", help="items written by kg extract")
    evaluate.add_argument("--json", action="store_true", help="print the report as JSON")
    evaluate.add_argument("--corpora", metavar="DIR", help="instead: govkg beside bare LAC on every corpus in "
                          "DIR (seed-gold.jsonl, local/ dev list, external/msra-a.jsonl, external/cluener-dev.jsonl), "
                          "one table")
    evaluate.add_argument("--rules-only", action="store_true", help="with --corpora: the rules alone, no trained "
                          "model deciding (spans, event types, roles) — the figures the models are measured against")
    evaluate.set_defaults(run=cmd_eval)
    return parser


def add_cache_options(command: argparse.ArgumentParser) -> None:
    """``--cache DIR`` and ``--no-cache``: where per-document extraction results are kept (kg.cache)."""
    command.add_argument("--cache", metavar="DIR", help="keep each document's extraction results in DIR and "
                         "extract only what changed (default: $XDG_CACHE_HOME/govkg or ~/.cache/govkg)")
    command.add_argument("--no-cache", action="store_true", help="extract every document again, keep nothing")


def extraction_cache(args: argparse.Namespace) -> ExtractionCache | None:
    """The cache the options ask for, or None."""
    return None if args.no_cache else ExtractionCache(args.cache)


def iso_day(text: str) -> str:
    """``--date``: a real day written YYYY-MM-DD."""
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from None


def cmd_build(args: argparse.Namespace) -> int:
    """``kg build``: the graph and its files; problems and a summary line on stderr."""
    from kg.export import check_out_dir, write_outputs  # the pipeline loads spaCy: not for kg --help
    from kg.pipeline import run_build  # the pipeline loads spaCy: not for kg --help

    check_out_dir(Path(args.out_dir))  # before the work, not after it
    result = run_build(args.inputs, year=args.year, month=args.month, published=args.date, jobs=args.jobs,
                       dask=args.dask, cache=extraction_cache(args))
    for problem in result.problems:
        print(problem, file=sys.stderr)
    write_outputs(result, args.out_dir)
    kinds = {}
    for _node, kind in result.graph.nodes(data="kind"):
        kinds[kind] = kinds.get(kind, 0) + 1
    print(f"kg build: {plural(result.files, 'file')}, {plural(len(result.items), 'item')}, "
          f"{plural(kinds.get('person', 0), 'person')}, {plural(kinds.get('organization', 0), 'organisation')}, "
          f"{plural(kinds.get('place', 0), 'place')}, {plural(kinds.get('event', 0), 'event')} -> {args.out_dir}",
          file=sys.stderr)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """``kg serve``: Oxigraph's read-only SPARQL server on the build's store, until Ctrl-C."""
    from kg.serve import serve  # Oxigraph's server: only for kg serve

    return serve(args.store, args.bind)


def cmd_query(args: argparse.Namespace) -> int:
    """``kg query``: rows as a table, CSV or JSON."""
    from kg.sparql import format_rows, run_sparql  # the store: only for kg query

    header, rows = run_sparql(args.query, args.store)
    print(format_rows(header, rows, args.format))
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    """``kg eval``: the scorer's table (or JSON) on stdout."""
    from kg.tools.evaluate import format_report, load_items, score  # the tools: only for kg eval

    if args.corpora:
        from kg.extract.spans import rules_only  # the pipeline loads spaCy: not for kg --help
        from kg.tools.corpora import corpora_report, format_rows  # the tools: only for kg eval

        with rules_only() if args.rules_only else nullcontext():
            rows = corpora_report(args.corpora)
        print(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=1) if args.json else format_rows(rows))
        return 0
    if not (args.gold and args.pred):
        print("error: kg eval needs GOLD.jsonl and ITEMS.jsonl, or --corpora DIR", file=sys.stderr)
        return 2
    report = score(load_items(args.gold), load_items(args.pred))
    print(json.dumps(report, ensure_ascii=False, indent=1) if args.json else format_report(report))
    return 0


def cmd_tag(args: argparse.Namespace) -> int:
    """``kg tag``: JSONL in, JSONL out, line for line; a malformed line is reported with its number."""
    from kg.pipeline import tag_records  # the pipeline loads spaCy: not for kg --help

    def records(handle):
        for n, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except ValueError as exc:
                raise SystemExit(f"error: {args.input}: line {n}: not JSON ({exc})") from None
            if not isinstance(record, dict) or not isinstance(record.get("text", ""), str):
                raise SystemExit(f"error: {args.input}: line {n}: expected an object with a text string")
            yield record

    try:
        source = sys.stdin if args.input == "-" else open(args.input, encoding="utf-8")
    except OSError as exc:
        print(f"error: {args.input}: {exc.strerror}", file=sys.stderr)
        return 1
    sink = nullcontext(sys.stdout) if args.output == "-" else atomic_write(args.output)
    with source, sink as out:
        for tagged in tag_records(records(source)):
            out.write(json.dumps(tagged, ensure_ascii=False) + "\n")
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    """``kg extract``: items to JSONL, problems and a summary line to stderr."""
    from kg.pipeline import (  # the pipeline loads spaCy: not for kg --help
        expand_inputs,
        extract_files,
        write_items,
        write_per_document,
    )

    skipped = []
    paths = expand_inputs(args.inputs, skipped)
    for problem in skipped:
        print(problem, file=sys.stderr)
    results = extract_files(paths, jobs=args.jobs, dask=args.dask, year=args.year, month=args.month,
                            published=args.date, extract=not args.no_extract,
                            cache=None if args.no_extract else extraction_cache(args))
    if args.per_document:
        results = write_per_document(results, args.per_document)
    results = write_items(results, args.output)
    if len(paths) >= PROGRESS_FROM:
        results = tqdm(results, total=len(paths), unit="file", file=sys.stderr, disable=None)
    read = unreadable = items = warnings = 0
    for result in results:
        read += result.read
        unreadable += not result.read
        items += len(result.items)
        warnings += sum(p.severity == "warning" for p in result.problems)
        for problem in result.problems:
            print(problem, file=sys.stderr)
    print(f"kg extract: {plural(len(paths), 'file')} ({unreadable} unreadable), {plural(items, 'item')}, "
          f"{plural(warnings, 'warning')} -> {args.output}", file=sys.stderr)
    return 0 if read else 1
