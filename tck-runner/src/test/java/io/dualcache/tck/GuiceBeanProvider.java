package io.dualcache.tck;

import com.google.inject.Guice;
import com.google.inject.Injector;
import javax.cache.annotation.BeanProvider;
import org.jsr107.ri.annotations.guice.module.CacheAnnotationsModule;

/**
 * The bean source of the TCK's annotation tests. AbstractInterceptionTest finds it with
 * {@code ServiceLoader.load(BeanProvider.class)} (registered in META-INF/services); if that throws,
 * the TCK prints a line and reports all 12 annotation tests as passed without running them. So
 * every step here is written to the audit, and TckVerifier insists on seeing them.
 *
 * <p>The beans (manager.*BlogManagerImpl in the TCK's main jar) are plain classes with public
 * no-argument constructors; Guice binds them just in time and weaves the RI's JSR-107 interceptors
 * around their annotated methods. The interceptors resolve caches through the default
 * CachingProvider, i.e. the provider under test.
 */
public final class GuiceBeanProvider implements BeanProvider {
  private final Injector injector;

  public GuiceBeanProvider() {
    TckAudit.record("beanprovider.created", getClass().getName());
    injector = Guice.createInjector(new CacheAnnotationsModule());
    TckAudit.record(
        "guice.injector.created", Guice.class.getProtectionDomain().getCodeSource().getLocation());
  }

  @Override
  public <T> T getBeanByType(Class<T> type) {
    T bean = injector.getInstance(type);
    // An intercepted bean is an instance of a subclass Guice generated; a bare instance means
    // no interceptor will ever run and the cache is never touched.
    boolean enhanced = bean.getClass() != type && type.isInstance(bean);
    TckAudit.record("bean", type.getName(), bean.getClass().getName(), enhanced);
    return bean;
  }
}
