"""Precision and recall at the match band on bench/screen_eval.toml.

Per query: the match-band results are compared with the gold entry keys. A query with any
match-band result outside its gold set is a false positive; a positive query with no gold entry
at the match band is a false negative. precision = TP / (TP + FP); recall = TP / positives.

    python bench/screen_accuracy.py [--show-errors]
"""

from __future__ import annotations

import sys
import time
import tomllib
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _screen_data import entry_key, list_paths

from riskkit.screening import Screener

EVAL = Path(__file__).with_name("screen_eval.toml")


def main() -> int:
    show = "--show-errors" in sys.argv
    cases = tomllib.loads(EVAL.read_text(encoding="utf-8"))["case"]
    started = time.perf_counter()
    screener = Screener.from_files(list_paths())
    print(f"loaded {len(screener)} entries in {time.perf_counter() - started:.2f} s")
    tp = fp = fn = 0
    per_kind: Counter[str] = Counter()
    per_kind_ok: Counter[str] = Counter()
    for case in cases:
        gold = set(case["expect"])
        matches = [m for m in screener.screen(case["query"], limit=10) if m.band == "match"]
        got = {entry_key(m.entry.source, m.entry.source_id) for m in matches}
        wrong = got - gold
        hit = bool(got & gold)
        if wrong:
            fp += 1
        if gold and hit:
            tp += 1
        if gold and not hit:
            fn += 1
        ok = not wrong and (hit or not gold)
        per_kind[case["kind"]] += 1
        per_kind_ok[case["kind"]] += ok
        if show and not ok:
            print(f"  [{case['kind']}] {case['query']!r} (from {case['from']!r})")
            for m in screener.screen(case["query"], limit=3):
                print(f"      {m.band} {m.score:.3f} {m.explanation[:160]}")
    positives = sum(1 for c in cases if c["expect"])
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / positives if positives else 1.0
    print(f"cases: {len(cases)} ({positives} positive, {len(cases) - positives} negative)")
    for kind in sorted(per_kind):
        print(f"  {kind:16} {per_kind_ok[kind]:4}/{per_kind[kind]:<4} correct")
    print(f"match band: TP {tp}  FP {fp}  FN {fn}")
    print(f"precision {precision:.4f}  recall {recall:.4f}")
    return 0 if precision >= 0.98 and recall >= 0.98 else 1


if __name__ == "__main__":
    raise SystemExit(main())
