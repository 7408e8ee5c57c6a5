"""Precision and recall in the match band, per pattern, against a rapidfuzz brute force.

Sets: bench/screen_eval_patterns.toml (built by screen_eval_patterns_build.py: every pattern of
issue 15, a ``dev`` and a ``held`` split) and bench/screen_eval.toml (the older set, reported
as its own line).

Per query, the match-band results are compared with the gold entry keys. A query with any
match-band result outside its gold set is a false positive (FP); a positive query with a gold
entry in the match band is a true positive (TP), one without is a false negative (FN).
precision = TP / (TP + FP); recall = TP / positives. Negatives only add to FP.

The brute force, in the same run: rapidfuzz ``token_sort_ratio`` (words sorted, then
Levenshtein ratio) between the normalised query and every indexed name, normalised the same
way (riskkit's normaliser, legal forms included), a hit at 88 or more: the same 0.88 as the
match band. For ``tie`` cases the first result must also be the literally closest name.

    python bench/screen_accuracy.py [--show-errors [KIND]] [--no-brute] [--split dev|held]
"""

from __future__ import annotations

import sys
import time
import tomllib
from collections import defaultdict
from pathlib import Path

from rapidfuzz import fuzz, process

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _screen_data import entry_key, list_paths

from riskkit.screening import Screener, normalize_name, tokens
from riskkit.screening.score import MATCH_AT

HERE = Path(__file__).parent
SETS = (("patterns", HERE / "screen_eval_patterns.toml"), ("older set", HERE / "screen_eval.toml"))
BRUTE_CUTOFF = 88.0


class Tally:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = self.positives = self.cases = 0

    def add(self, gold: set[str], got: set[str]) -> bool:
        self.cases += 1
        wrong = bool(got - gold)
        hit = bool(got & gold)
        self.fp += wrong
        if gold:
            self.positives += 1
            self.tp += hit
            self.fn += not hit
        return not wrong and (hit or not gold)

    def figures(self) -> str:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / self.positives if self.positives else 1.0
        shown_r = f"{r:.3f}" if self.positives else "  -  "
        return f"P {p:.3f} R {shown_r} (TP {self.tp:4} FP {self.fp:3} FN {self.fn:3})"

    def pr(self) -> tuple[float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        return p, self.tp / self.positives if self.positives else 1.0


def main() -> int:
    args = sys.argv[1:]
    show = "--show-errors" in args
    show_kind = None
    if show:
        at = args.index("--show-errors")
        if at + 1 < len(args) and not args[at + 1].startswith("--"):
            show_kind = args[at + 1]
    only_split = args[args.index("--split") + 1] if "--split" in args else None
    brute_on = "--no-brute" not in args
    started = time.perf_counter()
    screener = Screener.from_files(list_paths())
    print(f"loaded {len(screener)} entries in {time.perf_counter() - started:.2f} s")
    ix = screener.index
    records = ix.records
    owners = ix.name_entry
    keys = [entry_key(r.source, r.source_id) for r in records]
    brute_names = [" ".join(sorted(normalize_name(t).split())) for t in ix.name_text]
    failed = False
    for set_name, path in SETS:
        cases = tomllib.loads(path.read_text("utf-8"))["case"]
        if only_split:
            cases = [c for c in cases if c.get("split", "dev") == only_split]
        ours: dict[tuple[str, str], Tally] = defaultdict(Tally)
        tie_first = tie_total = 0
        started = time.perf_counter()
        results = [screener.screen(c["query"], limit=10) for c in cases]
        ours_time = time.perf_counter() - started
        brute_hits: list[set[str]] = [set() for _ in cases]
        brute_time = 0.0
        if brute_on:
            started = time.perf_counter()
            queries = [" ".join(sorted(normalize_name(c["query"]).split())) for c in cases]
            for n, q in enumerate(queries):
                for _, _, i in process.extract(
                    q, brute_names, scorer=fuzz.ratio, score_cutoff=BRUTE_CUTOFF, limit=None
                ):
                    brute_hits[n].add(keys[owners[i]])
            brute_time = time.perf_counter() - started
        for case, matches in zip(cases, results, strict=True):
            gold = set(case["expect"])
            got = {
                entry_key(m.entry.source, m.entry.source_id) for m in matches if m.band == "match"
            }
            split = case.get("split", "all")
            kind = case["kind"]
            ok = True
            for key in ((kind, split), (kind, "both"), ("ALL", split), ("ALL", "both")):
                ok = ours[key].add(gold, got) and ok
            if kind == "tie" and matches:
                tie_total += 1
                first = tokens(matches[0].matched_name) == tokens(case["query"]) and (
                    matches[0].matched_name.casefold() == case["query"].casefold()
                    or not any(
                        m.matched_name.casefold() == case["query"].casefold() for m in matches
                    )
                )
                tie_first += first
            if show and not ok and (show_kind is None or show_kind == kind) and split != "held":
                print(f"  [{kind}] {case['query']!r} (from {case['from']!r})")
                for m in matches[:4]:
                    key = entry_key(m.entry.source, m.entry.source_id)
                    mark = "+" if key in gold else "-"
                    print(f"    {mark} {m.band} {m.score:.3f} {m.explanation[:220]}")
        # Brute force, tallied separately (cases in the same order).
        brute: dict[tuple[str, str], Tally] = defaultdict(Tally)
        for n, case in enumerate(cases):
            gold = set(case["expect"])
            split = case.get("split", "all")
            for key in (
                (case["kind"], split), (case["kind"], "both"), ("ALL", split), ("ALL", "both"),
            ):  # fmt: skip
                brute[key].add(gold, brute_hits[n])
        speeds = f"screener {len(cases) / ours_time:,.0f} q/s"
        if brute_on:
            speeds += f", brute force {len(cases) / brute_time:,.1f} q/s"
        print(f"\n== {set_name}: {path.name}, {len(cases)} cases; {speeds}")
        splits = sorted({k[1] for k in ours if k[1] != "both"})
        header = f"{'pattern':20} {'split':5} {'screener':46}" + (
            "  brute force" if brute_on else ""
        )
        print(header)
        for kind in sorted({k[0] for k in ours}, key=lambda k: (k == "ALL", k)):
            for split in [*splits, "both"] if len(splits) > 1 else splits:
                key = (kind, split)
                if key not in ours:
                    continue
                line = f"{kind:20} {split:5} {ours[key].figures():46}"
                if brute_on:
                    line += f"  {brute[key].figures()}"
                print(line)
        if tie_total:
            print(f"tie: first result is the literally closest name in {tie_first}/{tie_total}")
        p, r = ours[("ALL", "both")].pr()
        failed = failed or p < 0.99 or r < 0.98
    print(f"\nmatch band is score >= {MATCH_AT}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
