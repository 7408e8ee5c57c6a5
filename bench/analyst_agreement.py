"""Agreement between riskkit and the analyst suite (tests/analyst_cases/).

Prints one row per case (expected verdict, riskkit's verdict, whether they agree, and why not),
then agreement per rule family and in total, then which shipped rules the suite exercises (a
rule counts when it gives a finding, active or upcoming, in some case, or, for a rule that only
says a law's status is unconfirmed, an unknown) and which it does not.

    python bench/analyst_agreement.py [--disagreements] [--coverage]
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.analyst_suite import load_cases, needs_list_files, run  # noqa: E402

from riskkit.packs import load_packs  # noqa: E402


def main() -> int:
    only_disagreements = "--disagreements" in sys.argv
    rules = load_packs()
    per_family: dict[str, list[bool]] = defaultdict(list)
    fired: dict[str, set[str]] = defaultdict(set)
    rows = []
    for case in load_cases():
        outcome, report = run(case, rules)
        per_family[case.family].append(outcome.agrees)
        for finding in report.findings:
            fired[finding.rule_id].add(case.name)
        # a rule that only says a law's status is unconfirmed gives an unknown, not a finding
        for unknown in report.unknowns:
            rule_id = unknown.rule_id
            if rule_id is not None and getattr(
                rules.rule(rule_id).params, "status_unconfirmed", None
            ):
                fired[rule_id].add(case.name)
        rows.append(outcome)

    width = max(len(o.case.name) for o in rows)
    print(f"{'case':<{width}}  {'expected':<28} {'got':<28} agree")
    for o in rows:
        if only_disagreements and o.agrees:
            continue
        expected = o.case.expected + (f" / {o.case.expected_term}" if o.case.expected_term else "")
        got = o.verdict + (f" / {o.term_verdict}" if o.case.expected_term else "")
        mark = "yes" if o.agrees else "NO  " + "; ".join(o.problems)
        print(f"{o.case.name:<{width}}  {expected:<28} {got:<28} {mark}")

    print()
    print(f"{'family':<20} {'cases':>5} {'agree':>5} {'rate':>7}")
    total = agreed = 0
    for family in sorted(per_family):
        results = per_family[family]
        total += len(results)
        agreed += sum(results)
        print(
            f"{family:<20} {len(results):>5} {sum(results):>5} {sum(results) / len(results):>7.1%}"
        )
    print(f"{'total':<20} {total:>5} {agreed:>5} {agreed / total:>7.1%}")

    shipped = sorted(compiled.rule.id for compiled in rules.rules)
    lists_only = sorted(c.rule.id for c in rules.rules if needs_list_files(c))
    print()
    print(f"{'pack':<28} {'rules':>5} {'exercised':>9}  not exercised")
    for pack in sorted({c.pack.id for c in rules.rules}):
        ids = sorted(c.rule.id for c in rules.rules if c.pack.id == pack)
        missing = [i for i in ids if i not in fired]
        done = sum(1 for i in ids if i in fired)
        shown = ", ".join(missing[:8]) + (
            f", ... ({len(missing)} in all)" if len(missing) > 8 else ""
        )
        print(f"{pack:<28} {len(ids):>5} {done:>9}  {shown or '-'}")
    print("fire only on list files (cases with `lists`): " + ", ".join(lists_only))
    if "--coverage" in sys.argv:
        for rule_id in shipped:
            print(f"  {rule_id}: {', '.join(sorted(fired.get(rule_id, ()))) or '-'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
