# Usage: python3 summary.py hit-ratio.csv  (means by set, against Caffeine and the best of the field)
import csv,sys,collections
rows=collections.defaultdict(dict)
for r in csv.DictReader(open(sys.argv[1])):
    rows[(r['trace'],int(r['size']))][r['policy']]=float(r['hit_ratio_mean'])
check={'multi1','multi3','cpp','zigzag','scan','web07'}
synth={'loop-noise','drifting-popularity','loop+drift-phases'}
def stats(keys,label):
    d=[rows[k]['DualCache'] for k in keys]; c=[rows[k]['Caffeine'] for k in keys]
    best=[max(rows[k][p] for p in ['Caffeine','LRU','ARC','S3-FIFO']) for k in keys]
    n=len(keys)
    below=[(k, rows[k]['DualCache']-b) for k,b in zip(keys,best) if rows[k]['DualCache']-b < -1]
    print('%s n=%d dual %.2f caf %.2f  vs caf %+.2f  vs best %+.2f  rows>1 below best: %d'%(label,n,sum(d)/n,sum(c)/n,(sum(d)-sum(c))/n,(sum(d)-sum(best))/n,len(below)))
    return below
allk=sorted(rows)
stats([k for k in allk if k[0] in check],'check')
stats([k for k in allk if k[0] not in check|synth],'tuning')
stats([k for k in allk if k[0] in synth],'synthetic check')
b=stats(allk,'all')
print(', '.join('%s@%d %.2f'%(k[0],k[1],v) for k,v in b))
