package io.dualcache.jcache.report;

import io.dualcache.jcache.usercode.Closeables;
import javax.cache.configuration.Factory;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ExpiryPolicy;

/**
 * What a cache's expiry policy does, asked of a policy made from its factory (closed again if it is
 * {@link AutoCloseable}).
 *
 * @param description {@code eternal}, the file key that says the same ({@code expire-after-write =
 *     10m}), or the policy's class with its three durations
 * @param access the duration set on each hit, or null when a hit leaves the deadline alone
 * @param lifetime the duration set at creation, or null
 * @param policyClass the policy's class name
 */
record Expiries(String description, Duration access, Duration lifetime, String policyClass) {

  static Expiries of(Factory<? extends ExpiryPolicy> factory) {
    ExpiryPolicy policy;
    try {
      policy = factory.create();
    } catch (RuntimeException e) {
      return new Expiries("expiry policy factory failed: " + e, null, null, "?");
    }
    try {
      return describe(policy);
    } catch (RuntimeException e) {
      return new Expiries(
          "expiry policy " + policy.getClass().getName() + " failed: " + e,
          null,
          null,
          policy.getClass().getName());
    } finally {
      Closeables.closeQuietly(policy, "expiry policy of the configuration report");
    }
  }

  private static Expiries describe(ExpiryPolicy policy) {
    Duration creation = policy.getExpiryForCreation();
    Duration update = policy.getExpiryForUpdate();
    Duration access = policy.getExpiryForAccess();
    String name = policy.getClass().getName();
    String description;
    if (creation != null && creation.isEternal() && update == null && access == null) {
      description = "eternal";
    } else if (creation != null && creation.equals(update) && creation.equals(access)) {
      description = "expire-after-access = " + Hocon.duration(creation);
    } else if (creation != null && creation.equals(update) && access == null) {
      description = "expire-after-write = " + Hocon.duration(creation);
    } else if (creation != null && update == null && access == null) {
      description = "expire-after-creation = " + Hocon.duration(creation);
    } else {
      description =
          "policy "
              + name
              + " (creation "
              + text(creation)
              + ", update "
              + text(update)
              + ", access "
              + text(access)
              + ")";
    }
    return new Expiries(description, access, creation, name);
  }

  private static String text(Duration duration) {
    return duration == null ? "unchanged" : Hocon.duration(duration);
  }
}
