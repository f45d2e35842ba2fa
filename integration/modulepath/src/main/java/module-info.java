/** An application module that uses DualCache only through JSR-107, as a module-path user would. */
module io.dualcache.it.modulepath {
  requires cache.api;
  requires io.dualcache;
  requires java.management; // to see the statistics MXBean
}
