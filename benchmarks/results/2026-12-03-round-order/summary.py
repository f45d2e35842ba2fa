# Usage: python3 summary.py   (live runs and writes-only against the replay of 2026-12-02-low-count-margin)
import csv, os, statistics as st
here = os.path.dirname(os.path.abspath(__file__))
replay = {(r['trace'], r['size']): float(r['hit_ratio_mean'])
          for r in csv.DictReader(open(os.path.join(here, '../2026-12-02-low-count-margin/hit-ratio.csv')))
          if r['policy'] == 'DualCache'}
runs = {}
for r in csv.DictReader(open(os.path.join(here, 'live-runs.csv'))):
    runs.setdefault((r['mode'], r['order']), {}).setdefault((r['trace'], r['size']), []).append(float(r['hit_ratio']))
for (mode, order), rows in runs.items():
    gap = {k: st.mean(v) - replay[k] for k, v in rows.items()}
    below = sorted((g, k) for k, g in gap.items() if g < -1)
    print('%-10s %-12s mean gap %+.2f, deficit below the replay %.3f, rows > 1 below (mean of %d runs): %s'
          % (mode, order, st.mean(gap.values()), st.mean(min(0, g) for g in gap.values()),
             len(next(iter(rows.values()))), ', '.join('%s@%s %+.2f' % (k[0], k[1], g) for g, k in below) or 'none'))
wo = {}
for r in csv.DictReader(open(os.path.join(here, 'writes-only.csv'))):
    wo.setdefault(r['order'], {})[(r['trace'], r['size'])] = float(r['hit_ratio'])
for order, rows in wo.items():
    print('writes only %-12s mean gap %+.3f' % (order, st.mean(v - replay[k] for k, v in rows.items())))
