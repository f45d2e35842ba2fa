import json, sys, collections, glob, os
DIR = sys.argv[1]  # a folder of {before,after}-{1,2,3}.json
rows = collections.defaultdict(dict)
for v in ["before", "after"]:
    for r in ["1", "2", "3"]:
        try:
            data = json.load(open(f"{DIR}/{v}-{r}.json"))
        except Exception:
            continue
        for b in data:
            name = b["benchmark"].split(".")[-1]
            impl = b["params"]["impl"]
            score = b["primaryMetric"]["score"] / 1e6
            raw = [x for fork in b["primaryMetric"]["rawData"] for x in fork]
            alloc = b["secondaryMetrics"].get("gc.alloc.rate.norm", {}).get("score")
            rows[(name, impl)][f"{v}-{r}"] = (score, min(raw) / 1e6, max(raw) / 1e6, alloc)
chm = {}
for (name, impl), d in rows.items():
    if impl == "CHM":
        chm[name] = d
print("| benchmark | impl | run | M ops/s (min..max) | × CHM same run | B/op |")
print("|---|---|---|---:|---:|---:|")
for (name, impl) in sorted(rows):
    for run in sorted(rows[(name, impl)], key=lambda k: (k.split("-")[1], k.split("-")[0] != "before")):
        score, lo, hi, alloc = rows[(name, impl)][run]
        c = chm.get(name, {}).get(run)
        ratio = score / c[0] if c else float("nan")
        print(f"| {name} | {impl} | {run} | {score:.1f} ({lo:.1f}..{hi:.1f}) | {ratio:.2f} | {alloc:.1f} |")
