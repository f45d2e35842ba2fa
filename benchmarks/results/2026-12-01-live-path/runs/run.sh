# The runs in this folder: 'after' = this branch's benchmarks.jar, 'before' = the same jar built
# from 0124e0c (main before the change), each set split with --only, both twice, interleaved.
cd /work/wt-live/benchmarks
T="loop,gli,multi2,sprite,OLTP"
T2="orm-busy,web12,trace_vaultservice,corda+loop+corda,corda+5×loop+corda"
T3="zipf-0.8,zipf-1.0,loop-10k,shifting-hot-set,zipf+scans"
C="multi1,multi3,cpp,zigzag,scan,web07"
S="loop-noise,drifting-popularity,loop+drift-phases"
for rep in 1 2; do
for jar in after before; do
  J=/work/wt-live/benchmarks/target/benchmarks.jar; [ $jar = before ] && J=/tmp/scratch-live/before.jar
  i=0
  for g in "$T" "$T2" "$T3" "$C" "$S"; do
    i=$((i+1))
    echo "$(date +%T) $jar rep$rep group$i"
    flock /tmp/dualcache-cpu.lock nice -n 5 java -Xmx4g -cp $J io.dualcache.bench.sim.Simulator --traces /work/shared/traces --only "$g" --policies 'DualCache,DualCache (writes only),DualCache (live)' --out /tmp/sim/$jar-$rep-g$i > /tmp/sim/$jar-$rep-g$i.log 2>&1
  done
done
done
echo "$(date +%T) done"
