"""Summarises A/B lines of ../2026-12-01-read-path-2/harness: python3 agg.py FILE BEFORE AFTER
prints, per key type and size, each line's after/before ratio and both builds' ratios to CHM."""
import re
import statistics
import sys

path, before, after = sys.argv[1:4]
rows = {}
for line in open(path):
    if line.startswith('#') or ':' not in line:
        continue
    head, rest = line.split(':', 1)
    ratios = dict(re.findall(r'(\S+) [\d.]+M ([\d.]+)', rest))
    if before in ratios and after in ratios:
        rows.setdefault(head.strip(), []).append((float(ratios[before]), float(ratios[after])))
gains = []
for head, pairs in rows.items():
    g = [a / b for b, a in pairs]
    gains += g
    print(f"{head}: {before} {' / '.join(f'{b:.2f}' for b, _ in pairs)}  "
          f"{after} {' / '.join(f'{a:.2f}' for _, a in pairs)}  "
          f"gain {' / '.join(f'{x:.2f}' for x in g)}")
print(f"all: median gain {statistics.median(gains):.2f}, {sum(x > 1 for x in gains)} of {len(gains)} higher")
