# Usage: python3 compare.py VARIANT [BASE]   (BASE defaults to s0, the shipped policy)
# Reads dualcache-by-variant.csv next to this file and the field (Caffeine, LRU, ARC, S3-FIFO)
# from the published run ../2026-12-02-low-count-margin/hit-ratio.csv.
import csv, os, sys
here = os.path.dirname(os.path.abspath(__file__))
field = {}
for r in csv.DictReader(open(os.path.join(here, '../2026-12-02-low-count-margin/hit-ratio.csv'))):
    field.setdefault((r['trace'], int(r['size'])), {})[r['policy']] = float(r['hit_ratio_mean'])
runs = {}
for r in csv.DictReader(open(os.path.join(here, 'dualcache-by-variant.csv'))):
    runs.setdefault(r['variant'], {})[(r['trace'], int(r['size']))] = float(r['hit_ratio'])
new, base = runs[sys.argv[1]], runs[sys.argv[2] if len(sys.argv) > 2 else 's0']
check = {'multi1', 'multi3', 'cpp', 'zigzag', 'scan', 'web07'}
synth = {'loop-noise', 'drifting-popularity', 'loop+drift-phases'}
sets, below, moved = {}, [], []
for k in sorted(new):
    f = field[k]
    best = max(f[p] for p in ['Caffeine', 'LRU', 'ARC', 'S3-FIFO'])
    s = 'check' if k[0] in check else 'synthetic' if k[0] in synth else 'tuning'
    for name in (s, 'all'):
        sets.setdefault(name, []).append((new[k] - f['Caffeine'], new[k] - best))
    if new[k] - best < -1:
        below.append('%s@%d %+.2f' % (k[0], k[1], new[k] - best))
    if abs(new[k] - base[k]) > 0.5:
        moved.append('%s@%d %+.2f' % (k[0], k[1], new[k] - base[k]))
for s in ('tuning', 'check', 'synthetic', 'all'):
    v = sets[s]
    print('%-9s n=%2d  vs Caffeine %+.2f  vs best %+.2f'
          % (s, len(v), sum(a for a, _ in v) / len(v), sum(b for _, b in v) / len(v)))
print('more than a point below the best (%d): %s' % (len(below), ', '.join(below)))
print('moved more than half a point against the base (%d): %s' % (len(moved), ', '.join(moved)))
