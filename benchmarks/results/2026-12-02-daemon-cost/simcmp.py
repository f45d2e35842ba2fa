import csv,sys
def load(p):
    d={}
    for r in csv.DictReader(open(p)):
        d[(r['trace'],r['size'],r['policy'])]=float(r['hit_ratio_mean'])
    return d
def cmp(pa,pb,pol,label):
    a=load(pa); b=load(pb)
    diffs=sorted((b[k]-a[k],k) for k in a if k[2]==pol and k in b)
    m=sum(d for d,_ in diffs)/len(diffs)
    big=sum(1 for d,_ in diffs if abs(d)>0.5)
    print('%-28s %-17s n=%d mean %+.3f |d|>0.5: %d  worst %s  best %s'%(label,pol,len(diffs),m,big,
      ', '.join('%s@%s %+.2f'%(k[0],k[1],d) for d,k in diffs[:3]), ', '.join('%s@%s %+.2f'%(k[0],k[1],d) for d,k in diffs[-3:])))
# Run from this directory: python3 simcmp.py
S='simulator/%s.csv'
cmp(S%'main',S%'sketch','DualCache','main->sketch')
cmp(S%'main',S%'seed2','DualCache','main->seed2 (old layout)')
cmp(S%'main',S%'main-live2','DualCache (live)','main live run1->run2')
cmp(S%'sketch',S%'sketch-live2','DualCache (live)','sketch live run1->run2')
cmp(S%'main',S%'sketch','DualCache (live)','main->sketch live r1')
cmp(S%'main-live2',S%'sketch-live2','DualCache (live)','main->sketch live r2')
cmp(S%'sketch',S%'duty-live1','DualCache (live)','sketch->duty live r1')
cmp(S%'sketch-live2',S%'duty-live2','DualCache (live)','sketch->duty live r2')
