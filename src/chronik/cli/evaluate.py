"""``chronik eval …``: run chronik over gold data and print its figures."""

from __future__ import annotations

import click


@click.group("eval")
def eval_group() -> None:
    """Measure chronik against annotated data."""


@eval_group.command("ner")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--out", "out_path", type=click.Path(dir_okay=False),
              help="Write the predictions here (GermEval TSV, predicted outer tags in column 3).")
def ner_cmd(file: str, out_path: str | None) -> None:
    """Score the name tagger on a GermEval 2014 NER FILE: outer spans, exact match, PER/LOC/ORG."""
    from pathlib import Path

    from chronik.evaluate.ner import evaluate_file, name_pipeline

    nlp = name_pipeline()
    if out_path:
        with open(out_path, "w", encoding="utf-8") as out:
            result = evaluate_file(Path(file), nlp, out)
    else:
        result = evaluate_file(Path(file), nlp)
    click.echo(f"{'class':<6} {'gold':>6} {'pred':>6} {'match':>6} {'P':>6} {'R':>6} {'F1':>6}")
    for name, gold, pred, tp, p, r, f in result.rows():
        click.echo(f"{name:<6} {gold:>6} {pred:>6} {tp:>6} {p:>6.3f} {r:>6.3f} {f:>6.3f}")
    click.echo(f"F1={result.overall.f1:.3f}")


@eval_group.command("quotes")
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@click.option("--split", type=click.Choice(["train", "dev", "test"]), help="Only the articles of this split.")
@click.option("--pred", "pred_path", type=click.Path(exists=True, dir_okay=False),
              help="Score these predictions (`chronik quotes --format jsonl` output) instead of running chronik.")
@click.option("--out", "out_path", type=click.Path(dir_okay=False),
              help="Write chronik's predicted quotations here (JSON Lines with character spans).")
def quotes_cmd(folder: str, split: str | None, pred_path: str | None, out_path: str | None) -> None:
    """Score quotation attribution on the German Wikinews quotation dataset in FOLDER.

    Implements the dataset's own evaluation (token overlap, one-to-one assignment of quotes, macro
    averages over quote pairs) and prints quote and speaker precision, recall and F1, overall and by
    quote type."""
    from pathlib import Path

    from chronik.evaluate.quotes import Dataset, predict, read_predictions, report

    data = Dataset.load(Path(folder), split)
    out = Path(out_path) if out_path else None
    predicted = read_predictions(Path(pred_path)) if pred_path else predict(data, out)
    result = report(data.gold_groups(), data.groups_from_spans(predicted))
    click.echo(f"{len(data.articles)} articles" + (f" ({split})" if split else ""))
    click.echo(f"{'type':<21} {'gold':>5} {'pred':>5}  {'quote P':>7} {'R':>6} {'F1':>6}  "
               f"{'speaker P':>9} {'R':>6} {'F1':>6}  {'roles F1':>8} {'joint F1':>8}")
    for name, s in result.rows():
        q, sp = s.quote, s.speaker
        click.echo(f"{name:<21} {s.n_gold:>5} {s.n_pred:>5}  {q.p:>7.3f} {q.r:>6.3f} {q.f1:>6.3f}  "
                   f"{sp.p:>9.3f} {sp.r:>6.3f} {sp.f1:>6.3f}  {s.roles.f1:>8.3f} {s.joint.f1:>8.3f}")
    o = result.overall
    click.echo(f"type (form) F1={o.micro(o.form).f1:.3f} medium (STWR) F1={o.micro(o.medium).f1:.3f}")
    click.echo(result.last_line())


@eval_group.command("events")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--lang", help="Language of every document (default: each document's 'language', else detected).")
@click.option("--out", "out_path", type=click.Path(dir_okay=False), help="Write chronik's events here (JSON Lines).")
@click.option("--errors", type=int, default=0, help="List up to N missed gold events and N unmatched predictions.")
def events_cmd(gold: str, lang: str | None, out_path: str | None, errors: int) -> None:
    """Code the documents of a GOLD file (spec/gold-format.md) and score the events as
    score_events.py does: per-root recall, place and date accuracy, F1; plus a table of roots."""
    import json
    from collections import defaultdict
    from pathlib import Path
    from typing import Any

    from chronik.evaluate.events import read_gold, root_confusion, score_documents
    from chronik.io.readers import document_from
    from chronik.pipeline import MultiPipeline, Pipeline

    docs = read_gold(Path(gold))
    options: dict[str, Any] = {"config": {"events": {}}}
    nlp = Pipeline(lang, **options) if lang else MultiPipeline(**options)
    preds: dict[str, list[dict[str, Any]]] = defaultdict(list)
    sink = open(out_path, "w", encoding="utf-8") if out_path else None  # noqa: SIM115
    try:
        for doc in nlp.pipe(document_from(d) for d in docs):
            for ev in doc.events:
                rec = ev.to_dict()
                preds[doc.doc_id].append(rec)
                if sink is not None:
                    sink.write(json.dumps(rec, ensure_ascii=False) + "\n")
    finally:
        if sink is not None:
            sink.close()
    result = score_documents(docs, preds)
    if errors:
        click.echo(f"# missed required gold events ({len(result.misses)}):")
        for doc_id, g in result.misses[:errors]:
            click.echo(f"  {doc_id}: {g.get('source')} -> {g.get('target')} {g['cameo_root']}  "
                       f"{str(g.get('evidence', ''))[:90]}")
        click.echo(f"# predictions matching no gold event ({len(result.extras)}):")
        for doc_id, p in result.extras[:errors]:
            trigger = (p.get("trigger") or {}).get("text")
            click.echo(f"  {doc_id}: {(p.get('source') or {}).get('code')} -> "
                       f"{(p.get('target') or {}).get('code')} {p.get('cameo')} ({trigger!r})")
    table = root_confusion(docs, preds)
    roots = sorted({g for g, _ in table})
    cols = [*sorted({p for _, p in table} - {"-"}), "-"]
    click.echo("root confusion (rows: gold root; columns: the root chronik gave the same actors; -: none)")
    click.echo("     " + "".join(f"{c:>4}" for c in cols))
    for r in roots:
        click.echo(f"  {r} " + "".join(f"{table.get((r, c), 0) or '.':>4}" for c in cols))
    per_root = ", ".join(f"{k}:{v[0]}/{v[1]}" for k, v in sorted(result.per_root.items()))
    click.echo(f"per-root recall: {per_root}")
    click.echo(result.summary())


@eval_group.command("petrarch")
@click.argument("records", type=click.Path(exists=True, dir_okay=False))
@click.option("--examples", type=int, default=10, help="List up to N disagreements.")
def petrarch_cmd(records: str, examples: int) -> None:
    """Code PETRARCH's validation or unit-test RECORDS (.xml) with the actor and agent dictionaries they
    name (read by chronik's PETRARCH importer) and report agreement on source, target and root, with
    the disagreements grouped by the records' categories."""
    from pathlib import Path

    from chronik.evaluate.petrarch import run

    r = run(Path(records))
    click.echo(f"{r.records} records coded, {r.expected} expected events, {r.found} with an event of chronik's")
    if r.expected:
        click.echo(f"agreement on source {r.source / r.expected:.3f}, target {r.target / r.expected:.3f}, "
                   f"root {r.root / r.expected:.3f}, all three {r.all / r.expected:.3f}")
    if r.no_event_expected:
        click.echo(f"records expecting no event: {r.no_event_expected}, chronik coded none in {r.no_event_agreed}")
    click.echo("by category:")
    for cat, counts in sorted(r.by_category.items()):
        click.echo(f"  {cat:<10} " + ", ".join(f"{k} {v}" for k, v in counts.most_common()))
    for line in r.examples[:examples]:
        click.echo(f"  {line}")
