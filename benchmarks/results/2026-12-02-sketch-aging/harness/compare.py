# usage: ev.py new.csv [base.csv]; field from the published full csv
import csv,sys
REF='/work/main/benchmarks/results/2026-12-02-simulator/hit-ratio.csv'
def load(p):
    d={}
    for r in csv.DictReader(open(p)):
        d.setdefault((r['trace'],int(r['size'])),{})[r['policy']]=float(r['hit_ratio_mean'])
    return d
ref=load(REF); new=load(sys.argv[1]); base=load(sys.argv[2]) if len(sys.argv)>2 else ref
pol=sys.argv[3] if len(sys.argv)>3 else 'DualCache'
check={'multi1','multi3','cpp','zigzag','scan','web07'}
synth={'loop-noise','drifting-popularity','loop+drift-phases'}
keys=sorted(k for k in new if pol in new[k])
out=[];reg=[];sets={}
for k in keys:
    d=new[k][pol]; f=ref[k]; best=max(f[p] for p in ['Caffeine','LRU','ARC','S3-FIFO'])
    s='check' if k[0] in check else 'synth' if k[0] in synth else 'tuning'
    sets.setdefault(s,[]).append((d-f['Caffeine'],d-best))
    sets.setdefault('all',[]).append((d-f['Caffeine'],d-best))
    if d-best< -1: out.append('%s@%d %+.2f'%(k[0],k[1],d-best))
    b=base[k].get(pol, base[k].get('DualCache'))
    if d-b < -0.5 or d-b>0.5: reg.append('%s@%d %+.2f'%(k[0],k[1],d-b))
for s,v in sets.items():
    print('%-7s n=%2d vsCaf %+.2f vsBest %+.2f'%(s,len(v),sum(a for a,_ in v)/len(v),sum(b for _,b in v)/len(v)))
print('below best-1 (%d):'%len(out),', '.join(out))
print('moved >0.5 vs base (%d):'%len(reg),', '.join(reg))
