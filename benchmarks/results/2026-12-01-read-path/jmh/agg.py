import json,glob,sys,collections,statistics
# usage: agg.py PATTERN  (files of one build); prints per combo: ratio per run, median
pat=sys.argv[1]
runs=collections.defaultdict(list); absd=collections.defaultdict(list)
for f in sorted(glob.glob(pat)):
    try: rows=json.load(open(f))
    except Exception: continue
    d={}
    for r in rows:
        p=r['params']; d[(p['keyType'],p['lookup'],int(p['size']),p['subject'])]=r['primaryMetric']['score']/1e6
    for k,v in d.items():
        if k[3]=='DualCache' and k[:3]+('CHM',) in d:
            c=d[k[:3]+('CHM',)]
            runs[k[:3]].append(v/c); absd[k[:3]].append((c,v))
print('| key type | lookup | entries | CHM (M/s, median) | engine (M/s, median) | engine ÷ CHM per run | median |')
print('|---|---|---:|---:|---:|---|---:|')
for k in sorted(runs, key=lambda k:(k[0],k[1]!='same',k[2])):
    rs=runs[k]; a=absd[k]
    print('| %s | %s | 2^%d | %.1f | %.1f | %s | **%.2f** |'%(k[0],k[1],k[2].bit_length()-1,statistics.median(x[0] for x in a),statistics.median(x[1] for x in a),' / '.join('%.2f'%r for r in rs),statistics.median(rs)))
