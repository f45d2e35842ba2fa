import json, sys, os, glob
rows = {}
for f in sorted(glob.glob(sys.argv[1] + '/*.json')):
    name = os.path.basename(f)[:-5]
    for r in json.load(open(f)):
        bench = r['benchmark'].split('.')[-1]; impl = r['params']['impl']
        pm = r['primaryMetric']; forks = [sum(x)/len(x)/1e6 for x in pm['rawData']]
        alloc = r['secondaryMetrics'].get('gc.alloc.rate.norm', {}).get('score', float('nan'))
        rows[(name, bench, impl)] = (pm['score']/1e6, min(forks), max(forks), alloc)
names = sorted({k[0] for k in rows}, key=lambda n: (n.split('-')[1], n.split('-')[0] != 'before'))
print('| mix | run | DualCache M ops/s (forks) | CHM M ops/s | DualCache × CHM | DualCache B/op |')
print('|---|---|---:|---:|---:|---:|')
for bench in ('read', 'readWrite', 'write'):
    for n in names:
        d = rows.get((n, bench, 'DualCache')); c = rows.get((n, bench, 'CHM'))
        if d and c:
            print(f'| {bench} | {n} | {d[0]:.1f} ({d[1]:.1f}..{d[2]:.1f}) | {c[0]:.1f} | {d[0]/c[0]:.2f} | {d[3]:.1f} |')
