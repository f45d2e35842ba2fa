"""Compares the DualCache column of simulator CSVs (arguments) with the published run: before,
after, the best of Caffeine, LRU, ARC and S3-FIFO. MISS: more than 1 point below that best; REG: more
than 0.5 points below before. Run from the repository root."""
import csv,sys
pub='benchmarks/results/2026-12-01-simulator/hit-ratio.csv'
rows={}
for r in csv.DictReader(open(pub)):
    rows.setdefault((r['trace'],int(r['size'])),{})[r['policy']]=float(r['hit_ratio_mean'])
def best(k): d=rows[k]; return max(d[p] for p in ('Caffeine','LRU','ARC','S3-FIFO'))
new={}
for f in sys.argv[1:]:
    for r in csv.DictReader(open(f)):
        if r['policy']=='DualCache': new[(r['trace'],int(r['size']))]=float(r['hit_ratio_mean'])
tot=0;n=0;miss=0;missb=0;tb=0
for k in sorted(new,key=lambda k:(list(rows).index(k))):
    b=rows[k]['DualCache']; a=new[k]; bf=best(k); c=rows[k]['Caffeine']
    flag=('MISS' if a<bf-1 else '')+(' REG' if a<b-0.5 else '')
    print(f"{k[0]:22s}{k[1]:7d} before {b:6.2f} after {a:6.2f} d {a-b:+6.2f}  best {bf:6.2f} a-best {a-bf:+6.2f} {flag}")
    tot+=a-b;n+=1;miss+=a<bf-1;missb+=b<bf-1;tb+=a-c
print(f"n={n} mean delta {tot/n:+.3f}  mean a-caf {tb/n:+.3f} misses after {miss} before {missb}")
