"""A/B of one policy column between two simulator CSVs (same run conditions), with the published best."""
import csv,sys
pol=sys.argv[1]; A=sys.argv[2]; B=sys.argv[3]
pub='benchmarks/results/2026-12-01-simulator/hit-ratio.csv'  # run from the repository root
rows={}
for r in csv.DictReader(open(pub)):
    rows.setdefault((r['trace'],int(r['size'])),{})[r['policy']]=float(r['hit_ratio_mean'])
def load(f):
    return {(r['trace'],int(r['size'])):float(r['hit_ratio_mean']) for r in csv.DictReader(open(f)) if r['policy']==pol}
a=load(A); b=load(B); n=0; t=0; ma=0; mb=0
for k in a:
    if k not in b: continue
    bf=max(rows[k][p] for p in ('Caffeine','LRU','ARC','S3-FIFO'))
    print(f"{k[0]:22s}{k[1]:7d} A {a[k]:6.2f} B {b[k]:6.2f} d {b[k]-a[k]:+6.2f}  best {bf:6.2f} A-best {a[k]-bf:+6.2f} B-best {b[k]-bf:+6.2f} {'MISS-A' if a[k]<bf-1 else ''} {'MISS-B' if b[k]<bf-1 else ''}")
    n+=1; t+=b[k]-a[k]; ma+=a[k]<bf-1; mb+=b[k]<bf-1
print(f"n={n} mean B-A {t/n:+.3f} misses A {ma} B {mb}")
