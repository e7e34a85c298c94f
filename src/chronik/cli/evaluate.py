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
