# Tables of the README from the runs in this folder: python3 table.py [folder]
import csv, glob, collections, sys, os
ROOT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
sets = {}
# trace -> set
tun = "loop,gli,multi2,sprite,OLTP,orm-busy,web12,trace_vaultservice,corda+loop+corda,corda+5×loop+corda,zipf-0.8,zipf-1.0,loop-10k,shifting-hot-set,zipf+scans".split(',')
chk = "multi1,multi3,cpp,zigzag,scan,web07".split(',')
syn = "loop-noise,drifting-popularity,loop+drift-phases".split(',')
for t in tun: sets[t]='tuning'
for t in chk: sets[t]='check'
for t in syn: sets[t]='synthetic'
data = collections.defaultdict(dict)  # (trace,size) -> {(jar,rep,policy): val}
order = []
for f in sorted(glob.glob(os.path.join(ROOT, '*-*-g*', 'hit-ratio.csv'))):
    d = os.path.basename(os.path.dirname(f)); jar, rep, g = d.split('-')
    for row in csv.DictReader(open(f)):
        k = (row['trace'], int(row['size']))
        if k not in order: order.append(k)
        data[k][(jar, rep, row['policy'])] = float(row['hit_ratio_mean'])
import re
over = collections.defaultdict(int)
for f in glob.glob(os.path.join(ROOT, '*-*-g*', 'hit-ratio.md')):
    jar = os.path.basename(os.path.dirname(f)).split('-')[0]
    for m in re.finditer(r"- (.+)@(\d+), DualCache \(live\): held up to (\d+) over the bound", open(f).read()):
        k = (m.group(1), int(m.group(2)), jar); over[k] = max(over[k], int(m.group(3)))
reps = sorted({r for v in data.values() for (_, r, _) in v})
def g(k, jar, pol):
    vals = [data[k].get((jar, r, pol)) for r in reps]
    vals = [v for v in vals if v is not None]
    return sum(vals)/len(vals) if vals else None, vals
order.sort(key=lambda k: ([*tun,*chk,*syn].index(k[0]), k[1]))
out = sys.stdout
print("| trace | size | set | deterministic before | deterministic after | writes only before | writes only after | live before (runs) | live after (runs) | live − det before | live − det after | live over the bound, before / after (most entries) |")
print("|---|---:|---|---:|---:|---:|---:|---|---|---:|---:|---:|")
agg = collections.defaultdict(lambda: collections.defaultdict(list))
for k in order:
    db,_ = g(k,'before','DualCache'); da,_ = g(k,'after','DualCache')
    wb,_ = g(k,'before','DualCache (writes only)'); wa,_ = g(k,'after','DualCache (writes only)')
    lb,lbv = g(k,'before','DualCache (live)'); la,lav = g(k,'after','DualCache (live)')
    if None in (db,da,lb,la,wb,wa): continue
    s = sets[k[0]]
    for name in (s, 'all'):
        a = agg[name]; a['db'].append(db); a['da'].append(da); a['lb'].append(lb-db); a['la'].append(la-da); a['wb'].append(wb-db); a['wa'].append(wa-da)
        a['far_b'].append(lb-db < -1); a['far_a'].append(la-da < -1); a['far2_b'].append(lb-db < -2); a['far2_a'].append(la-da < -2)
    print(f"| {k[0]} | {k[1]} | {s} | {db:.2f} | {da:.2f} | {wb:.2f} | {wa:.2f} | {lb:.2f} ({', '.join(f'{v:.2f}' for v in lbv)}) | {la:.2f} ({', '.join(f'{v:.2f}' for v in lav)}) | {lb-db:+.2f} | {la-da:+.2f} | {over[(k[0],k[1],'before')]} / {over[(k[0],k[1],'after')]} |")
print()
print("| rows | n | deterministic, after − before | writes only − deterministic, before | after | live − deterministic, before | after | live shortfall (mean of min(0, live − det)), before | after | rows live < det − 1, before | after | rows live < det − 2, before | after |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for name in ('tuning','check','synthetic','all'):
    a = agg[name]; n = len(a['db'])
    m = lambda x: sum(x)/len(x)
    print(f"| {name} | {n} | {m([x-y for x,y in zip(a['da'],a['db'])]):+.2f} | {m(a['wb']):+.2f} | {m(a['wa']):+.2f} | {m(a['lb']):+.2f} | {m(a['la']):+.2f} | {m([min(0,x) for x in a['lb']]):+.2f} | {m([min(0,x) for x in a['la']]):+.2f} | {sum(a['far_b'])} | {sum(a['far_a'])} | {sum(a['far2_b'])} | {sum(a['far2_a'])} |")
