# Usage: python3 jmhcmp.py "jmh-sketch/*.json"
import json,sys,glob,collections
rows=collections.defaultdict(dict)
for f in sorted(glob.glob(sys.argv[1])):
    tag=f.split('/')[-1].replace('.json','')
    for r in json.load(open(f)):
        b=r['benchmark'].split('.')[-1]; p=r['params']
        rows[(b,p['size'],tag)][p['impl']]=r['primaryMetric']['score']
for k in sorted(rows):
    d=rows[k]; chm=d.get('CHM')
    print('%-10s %-8s %-14s'%k, '  '.join('%s %.1fM (%.2f)'%(i,d[i]/1e6,d[i]/chm) for i in ['CHM','DualCache','Caffeine','Cache2k'] if i in d))
