import csv
REF='/work/main/benchmarks/results/2026-12-02-simulator/hit-ratio.csv'
def load(p,pol='DualCache'):
    d={}
    for r in csv.DictReader(open(p)):
        if r['policy']==pol or pol is None: d.setdefault((r['trace'],int(r['size'])),{})[r['policy']]=float(r['hit_ratio_mean'])
    return d
ref=load(REF,None)
F=['0','0.01','0.04','0.14','0.32','0.58','0.8','1']
fx={f:load('/tmp/sim/fixed-%s/hit-ratio.csv'%f) for f in F}
print('%-26s %6s %6s '%('row','best','tuned')+' '.join('%6s'%f for f in F))
n=0
for k in sorted(ref):
    f=ref[k]; best=max(f[p] for p in ['Caffeine','LRU','ARC','S3-FIFO'])
    d=f['DualCache']
    vals=[fx[x][k]['DualCache']-best for x in F]
    if d-best<-1 or max(vals)-(d-best)>1.5:
        print('%-26s %6.2f %+6.2f '%('%s@%d'%k,best,d-best)+' '.join('%+6.2f'%v for v in vals))
