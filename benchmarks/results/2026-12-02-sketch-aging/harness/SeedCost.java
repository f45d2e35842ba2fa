import io.dualcache.engine.*;
public class SeedCost { public static void main(String[] a) throws Exception {
  int n=Integer.parseInt(a[0]);
  for (int rep=0;rep<3;rep++){
  try (DualCache<Integer,Integer> c = DualCache.<Integer,Integer>builder().maximumSize(n).executor(Runnable::run).build()) {
    for (int i=0;i<n-1;i++) c.put(i,i); c.cleanUp();
    long t0=System.nanoTime(); c.put(n-1, n); c.cleanUp(); long t1=System.nanoTime();
    long t2=System.nanoTime(); c.put(n+1, n); c.cleanUp(); long t3=System.nanoTime();
    System.out.printf("n=%d first-full put %.2f ms, next put %.3f ms%n", n, (t1-t0)/1e6, (t3-t2)/1e6);
  }}
}}
