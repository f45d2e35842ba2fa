#!/usr/bin/env python3
"""Markdown tables from the JMH JSON files (near-hit-t*.json, two-nodes.json).

python3 tables.py [all|near|two] [subdirectory]: this directory's files, or a subdirectory's.
"""
import json
import os
import sys

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), *sys.argv[2:3])


def load(name):
    path = os.path.join(HERE, name)
    return json.load(open(path)) if os.path.exists(path) else None


def iters(metric):
    return [x for fork in metric["rawData"] for x in fork]


def fmt_ops(x):
    if x >= 1e6:
        return "%.1f M" % (x / 1e6)
    if x >= 1e3:
        return "%.1f k" % (x / 1e3)
    return "%.0f" % x


def near_hit():
    out = []
    for t in (1, 2):
        data = load("near-hit-t%d.json" % t)
        if not data:
            continue
        rows = {}
        for r in data:
            impl = r["params"]["impl"]
            raw = iters(r["primaryMetric"])
            alloc = r["secondaryMetrics"].get("gc.alloc.rate.norm", {}).get("score")
            rows[impl] = (r["primaryMetric"]["score"], min(raw), max(raw), alloc)
        base = rows.get("SharedCache")
        local = rows.get("LocalEngine")
        out.append("\n**%d thread%s** (ops/s: mean of 3 × 1 s iterations, min..max)\n" % (t, "s" if t > 1 else ""))
        out.append("| impl | ops/s | min..max | SharedCache × this | this × LocalEngine | B/op |")
        out.append("|---|---:|---:|---:|---:|---:|")
        for impl, (score, lo, hi, alloc) in rows.items():
            out.append(
                "| %s | %s | %s..%s | %s | %.3f | %s |"
                % (
                    impl,
                    fmt_ops(score),
                    fmt_ops(lo),
                    fmt_ops(hi),
                    "%.2f" % (base[0] / score) if base else "",
                    score / local[0] if local else float("nan"),
                    "%.1f" % alloc if alloc is not None else "",
                )
            )
    return "\n".join(out)


def two_nodes():
    data = load("two-nodes.json")
    if not data:
        return ""
    out = [
        "| read/write | node A ops/s (min..max) | node B ops/s (min..max) | both | near hit ratio A | near hit ratio B | both nodes | misses |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in data:
        p = r["params"]["readPercent"]
        s = r["secondaryMetrics"]

        def tot(name):
            return sum(iters(s[name])) if name in s else 0

        def ratio(*nodes):
            near = sum(tot(n + "Near") for n in nodes)
            reads = near + sum(tot(n + "Redis") + tot(n + "Miss") for n in nodes)
            return near / reads if reads else float("nan")

        def ops(name):
            raw = iters(s[name])
            return "%s (%s..%s)" % (fmt_ops(s[name]["score"]), fmt_ops(min(raw)), fmt_ops(max(raw)))

        out.append(
            "| %s/%d | %s | %s | %s | %.3f | %.3f | %.3f | %d |"
            % (
                p,
                100 - int(p),
                ops("nodeA"),
                ops("nodeB"),
                fmt_ops(r["primaryMetric"]["score"]),
                ratio("a"),
                ratio("b"),
                ratio("a", "b"),
                tot("aMiss") + tot("bMiss"),
            )
        )
    return "\n".join(out)


if __name__ == "__main__":
    which = sys.argv[1] if len(sys.argv) > 1 else "all"
    if which in ("all", "near"):
        print(near_hit())
    if which in ("all", "two"):
        print()
        print(two_nodes())
