package io.dualcache.redis;

import io.dualcache.engine.DualCacheBuilder;
import io.dualcache.engine.EntryListener;
import io.dualcache.engine.Expiry;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.TrackingArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.push.PushListener;
import io.lettuce.core.api.push.PushMessage;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.protocol.ProtocolVersion;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One application's connection to Redis, shared by its {@link SharedCache}s: one Lettuce {@link
 * RedisClient} and one RESP3 connection that carries both the commands and the invalidations
 * ({@code CLIENT TRACKING ON BCAST PREFIX <key-prefix>: NOLOOP}). Because the commands and the
 * tracking share the connection, NOLOOP means this application's own writes do not invalidate its
 * own near copies (its writes update them), while every other client's writes to keys under the
 * prefix do.
 *
 * <p>Tracking state: the near caches are trusted only while tracking is known to be on for the
 * current connection. When the connection drops, near copies are distrusted at once (reads go to
 * Redis, nothing is installed) and emptied; Lettuce reconnects by itself, tracking is switched on
 * again, the near caches are emptied once more and near caching resumes.
 *
 * <p>Thread-safe. {@link #close()} closes the caches, the connection and the client.
 */
public final class RedisSharing implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(RedisSharing.class.getName());
  private static final long RETRY_MILLIS = 20;

  private final String address;
  private final String password;
  private final String keyPrefix;
  private final boolean countNearHits;
  private final SharedCodec codec;
  private final RedisClient client;
  private final StatefulRedisConnection<byte[], byte[]> connection;
  private final ScheduledThreadPoolExecutor worker;
  private final ConcurrentHashMap<String, SharedCache<?, ?>> caches = new ConcurrentHashMap<>();

  /**
   * The tracking epoch: even while tracking is on for the current connection (near copies trusted),
   * odd while it is not. Every change of trust, and every flush, moves it, so a fill or a write
   * that saw one epoch installs nothing if it changed before the install.
   */
  private final AtomicLong epoch = new AtomicLong(1);

  private final AtomicBoolean enabling = new AtomicBoolean();
  private final AtomicLong drops = new AtomicLong();
  private volatile boolean closed;

  private RedisSharing(Builder builder) {
    RedisURI uri = RedisURI.create(builder.uri);
    uri.setTimeout(builder.commandTimeout);
    uri.setClientName(builder.clientName);
    this.password = passwordOf(builder.uri);
    this.address =
        (uri.isSsl() ? "rediss://" : "redis://")
            + uri.getHost()
            + ":"
            + uri.getPort()
            + "/"
            + uri.getDatabase();
    this.keyPrefix = builder.keyPrefix;
    this.countNearHits = builder.countNearHits;
    this.codec =
        builder.codec != null
            ? builder.codec
            : SharedCodec.serialization(
                builder.classLoader != null
                    ? builder.classLoader
                    : Thread.currentThread().getContextClassLoader());
    this.worker =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "dualcache-redis-" + keyPrefix);
              t.setDaemon(true);
              t.setContextClassLoader(RedisSharing.class.getClassLoader()); // not the creator's
              return t;
            });
    // Lettuce's threads (event loop, timers) start while connecting and inherit the context class
    // loader of the thread that starts them: make it this library's, not the caller's (a web
    // application's loader would stay reachable from those threads for as long as they run).
    Thread caller = Thread.currentThread();
    ClassLoader callerLoader = caller.getContextClassLoader();
    caller.setContextClassLoader(RedisSharing.class.getClassLoader());
    try {
      this.client = RedisClient.create(uri);
      client.setOptions(
          ClientOptions.builder()
              .protocolVersion(ProtocolVersion.RESP3)
              .autoReconnect(true)
              .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
              .timeoutOptions(TimeoutOptions.enabled(builder.commandTimeout))
              .build());
      client.addListener(new StateListener());
      this.connection = connect();
    } finally {
      caller.setContextClassLoader(callerLoader);
    }
  }

  /** Connects and switches tracking on; on failure closes what it opened. */
  private StatefulRedisConnection<byte[], byte[]> connect() {
    StatefulRedisConnection<byte[], byte[]> c = null;
    try {
      c = client.connect(ByteArrayCodec.INSTANCE);
      c.addListener((PushListener) this::onPush);
      long e = epoch.get();
      c.sync().clientTracking(trackingArgs());
      epoch.compareAndSet(e, e + 1);
      return c;
    } catch (RuntimeException e) {
      if (c != null) {
        c.close();
      }
      worker.shutdownNow();
      shutdownClient();
      throw failure("connecting", null, e);
    }
  }

  /** The password in {@code redis://[user]:password@host...}, or null. */
  private static String passwordOf(String uri) {
    int scheme = uri.indexOf("://");
    int at = uri.lastIndexOf('@');
    if (scheme < 0 || at < scheme) {
      return null;
    }
    String userInfo = uri.substring(scheme + 3, at);
    int colon = userInfo.indexOf(':');
    String pw = colon < 0 ? userInfo : userInfo.substring(colon + 1);
    return pw.isEmpty() ? null : pw;
  }

  /** Starts a sharing of the Redis at {@code uri} ({@code redis://[:password@]host:port/db}). */
  public static Builder builder(String uri) {
    return new Builder(uri);
  }

  /**
   * Opens a shared cache named {@code name} (its Redis keys are {@code <key-prefix>:<name>:<key>})
   * with a near cache built by {@code near}, and eternal entries.
   */
  public <K, V> SharedCache<K, V> cache(String name, DualCacheBuilder<K, V> near) {
    return cache(name, near, null, null);
  }

  /**
   * As {@link #cache(String, DualCacheBuilder)}, with every value written to Redis with a lifetime
   * of {@code timeToLive} (PX) from its write; the near copy lives no longer than the Redis key.
   */
  public <K, V> SharedCache<K, V> cache(
      String name, DualCacheBuilder<K, V> near, Duration timeToLive) {
    Objects.requireNonNull(timeToLive, "timeToLive");
    return cache(name, near, Expiry.afterWrite(timeToLive), null);
  }

  /**
   * Opens a shared cache named {@code name}.
   *
   * @param near the builder of the near cache; its expiry and listener are set here and must not be
   *     set by the caller
   * @param expiry the lifetimes of entries, written to Redis as TTLs (an access expiry moves them
   *     on every hit); null for eternal entries
   * @param listener hears the changes this JVM makes, and the near cache's expirations and
   *     evictions (see {@link SharedCache}); null for none
   */
  public <K, V> SharedCache<K, V> cache(
      String name, DualCacheBuilder<K, V> near, Expiry<K, V> expiry, EntryListener<K, V> listener) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(near, "near");
    checkOpen();
    SharedCache<K, V> cache = new SharedCache<>(this, name, near, expiry, listener);
    if (caches.putIfAbsent(name, cache) != null) {
      cache.closeNear();
      throw new IllegalStateException("a shared cache named '" + name + "' is already open");
    }
    return cache;
  }

  /** The address, without the password: {@code redis://host:port/db}. */
  public String address() {
    return address;
  }

  /** The application's key prefix. */
  public String keyPrefix() {
    return keyPrefix;
  }

  /** Whether near copies are trusted now (tracking is on for the current connection). */
  public boolean isTracking() {
    return (epoch.get() & 1) == 0;
  }

  @Override
  public String toString() {
    return "RedisSharing[" + address + ", prefix=" + keyPrefix + "]";
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    epoch.incrementAndGet();
    for (SharedCache<?, ?> cache : caches.values()) {
      cache.closeNear();
    }
    caches.clear();
    worker.shutdownNow();
    try {
      connection.close();
    } finally {
      shutdownClient();
    }
  }

  // ---- used by SharedCache ----

  RedisCommands<byte[], byte[]> commands() {
    return connection.sync();
  }

  RedisAsyncCommands<byte[], byte[]> asyncCommands() {
    return connection.async();
  }

  SharedCodec codec() {
    return codec;
  }

  boolean countsNearHits() {
    return countNearHits;
  }

  long epoch() {
    return epoch.get();
  }

  void forget(SharedCache<?, ?> cache) {
    caches.remove(cache.name(), cache);
  }

  void checkOpen() {
    if (closed) {
      throw new IllegalStateException(this + " is closed");
    }
  }

  /** The exception for a failed command: names the cache and the address, never the password. */
  SharedCacheException failure(String what, String cache, Throwable cause) {
    String reason = scrub(String.valueOf(cause));
    String message =
        (cache == null ? "" : "shared cache '" + cache + "': ")
            + what
            + " on "
            + address
            + " failed: "
            + reason;
    return new SharedCacheException(message, mentionsPassword(cause) ? null : cause);
  }

  private String scrub(String text) {
    return password == null ? text : text.replace(password, "****");
  }

  private boolean mentionsPassword(Throwable t) {
    if (password == null) {
      return false;
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (String.valueOf(c.getMessage()).contains(password)) {
        return true;
      }
    }
    return false;
  }

  // ---- tracking ----

  private TrackingArgs trackingArgs() {
    return TrackingArgs.Builder.enabled()
        .bcast()
        .prefixes(StandardCharsets.UTF_8, keyPrefix + ":")
        .noloop();
  }

  /** Invalidations arrive on Lettuce's event loop: bump generations here, empty copies later. */
  private void onPush(PushMessage message) {
    if (!"invalidate".equals(message.getType())) {
      return;
    }
    List<Object> content = message.getContent(RedisSharing::bytesOf);
    Object keys = content.size() > 1 ? content.get(1) : null;
    if (!(keys instanceof List<?> pushed)) {
      flushed(); // a null key list: FLUSHDB or FLUSHALL
      return;
    }
    List<byte[]> invalidated = new ArrayList<>();
    for (Object key : pushed) {
      if (key instanceof byte[] bytes) {
        invalidated.add(bytes);
      }
    }
    for (SharedCache<?, ?> cache : caches.values()) {
      cache.invalidated(invalidated);
    }
  }

  private static Object bytesOf(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }

  /** A flush (FLUSHDB, FLUSHALL): every near copy goes; trust is kept. */
  private void flushed() {
    epoch.addAndGet(2);
    for (SharedCache<?, ?> cache : caches.values()) {
      cache.flushed();
    }
  }

  /**
   * Runs {@code task} in the sharing's worker thread (removals of near copies, re-tracking); false
   * if the sharing is closed and it will not run.
   */
  boolean later(Runnable task) {
    try {
      worker.execute(task);
      return true;
    } catch (RuntimeException e) {
      return false; // closed
    }
  }

  private void distrust() {
    epoch.updateAndGet(e -> (e & 1) == 0 ? e + 1 : e + 2);
    for (SharedCache<?, ?> cache : caches.values()) {
      cache.flushed();
    }
    // Last: a test that saw the drop sees every near cache held, so no read of it serves a copy.
    drops.incrementAndGet();
    scheduleEnable(0);
  }

  private void scheduleEnable(long delayMillis) {
    if (closed || !enabling.compareAndSet(false, true)) {
      return;
    }
    try {
      Object unused = worker.schedule(this::enableTracking, delayMillis, TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      enabling.set(false);
    }
  }

  /** Switches tracking on again; trust returns only if no drop happened in between. */
  private void enableTracking() {
    long e = epoch.get();
    if (closed || (e & 1) == 0) {
      enabling.set(false);
      return;
    }
    try {
      // OFF first: tracking may already be on for this connection (a replayed command), and ON
      // with the same prefix again is an error. Nothing is trusted until ON has answered.
      Object unused = connection.async().clientTracking(TrackingArgs.Builder.enabled(false));
      connection
          .async()
          .clientTracking(trackingArgs())
          .whenComplete(
              (ok, error) ->
                  later(
                      () -> {
                        enabling.set(false);
                        if (error != null) {
                          scheduleEnable(RETRY_MILLIS);
                          return;
                        }
                        if (epoch.get() != e) {
                          scheduleEnable(0); // dropped again, or already on
                          return;
                        }
                        // Nothing was installed while distrusted; empty anyway before trusting.
                        for (SharedCache<?, ?> cache : caches.values()) {
                          cache.emptyNow();
                        }
                        if (epoch.compareAndSet(e, e + 1)) {
                          LOG.log(System.Logger.Level.INFO, "{0}: tracking on again", this);
                        } else {
                          scheduleEnable(0);
                        }
                      }));
    } catch (RuntimeException error) {
      enabling.set(false);
      scheduleEnable(RETRY_MILLIS);
    }
  }

  private final class StateListener implements RedisConnectionStateListener {
    @Override
    public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
      if (closed) {
        return;
      }
      LOG.log(
          System.Logger.Level.WARNING,
          "{0}: connection lost; near caches distrusted until tracking is on again",
          RedisSharing.this);
      distrust();
    }
  }

  private void shutdownClient() {
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
  }

  /** How many times the connection dropped (for tests). */
  long drops() {
    return drops.get();
  }

  /** Settings of a {@link RedisSharing}. */
  public static final class Builder {
    private final String uri;
    private String keyPrefix = "dualcache";
    private Duration commandTimeout = Duration.ofSeconds(2);
    private SharedCodec codec;
    private ClassLoader classLoader;
    private String clientName = "dualcache";
    private boolean countNearHits;

    private Builder(String uri) {
      this.uri = Objects.requireNonNull(uri, "uri");
    }

    /** Namespaces the application's keys ({@code <prefix>:<cache>:<key>}); default dualcache. */
    public Builder keyPrefix(String prefix) {
      if (prefix == null || prefix.isEmpty()) {
        throw new IllegalArgumentException("keyPrefix must not be empty");
      }
      this.keyPrefix = prefix;
      return this;
    }

    /** How long a command may take before it fails; default 2 s. */
    public Builder commandTimeout(Duration timeout) {
      if (timeout == null || timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("commandTimeout must be positive: " + timeout);
      }
      this.commandTimeout = timeout;
      return this;
    }

    /** The codec of keys and values; default {@link SharedCodec#serialization}. */
    public Builder codec(SharedCodec codec) {
      this.codec = Objects.requireNonNull(codec, "codec");
      return this;
    }

    /**
     * Whether the caches count their near hits ({@link SharedCache#nearHits()}); default false: a
     * shared counter on the hit path costs about half of a near hit's speed (measured in
     * benchmarks/results/2026-12-01-redis). Redis hits, misses and retries are always counted.
     */
    public Builder countNearHits(boolean count) {
      this.countNearHits = count;
      return this;
    }

    /** The connection's name in {@code CLIENT LIST} (no spaces); default dualcache. */
    public Builder clientName(String name) {
      if (name == null || name.isEmpty() || name.contains(" ")) {
        throw new IllegalArgumentException("clientName must be a word: " + name);
      }
      this.clientName = name;
      return this;
    }

    /** The class loader of the default codec; default the thread's context class loader. */
    public Builder classLoader(ClassLoader loader) {
      this.classLoader = Objects.requireNonNull(loader, "loader");
      return this;
    }

    /** Connects and switches tracking on; throws {@link SharedCacheException} if it cannot. */
    public RedisSharing build() {
      return new RedisSharing(this);
    }

    @Override
    public String toString() {
      return "RedisSharing.Builder[prefix=" + keyPrefix + "]";
    }
  }
}
