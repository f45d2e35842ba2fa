"""Engine ÷ ConcurrentHashMap per KeyTypeBenchmark row and run: python3 agg.py (in this folder)."""
import glob
import json

ratios = {}
for path in sorted(glob.glob('kt-*.json')):
    run, build = path[3:-5].split('-')
    scores = {}
    for row in json.load(open(path)):
        p = row['params']
        scores.setdefault((p['keyType'], int(p['size'])), {})[p['subject']] = row['primaryMetric']['score']
    for key, s in scores.items():
        ratios.setdefault(key, {}).setdefault(build, []).append(s['DualCache'] / s['CHM'])
print('| keys | entries | before (main at 141c32e) | after |')
print('|---|---:|---|---|')
for (keys, size), by in sorted(ratios.items()):
    print(f"| {keys} | 2^{size.bit_length() - 1} | "
          + ' | '.join(' / '.join(f'{r:.2f}' for r in by.get(b, [])) for b in ('before', 'after')) + ' |')
