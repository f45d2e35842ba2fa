package io.dualcache.bench.sim.trace;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.tukaani.xz.XZInputStream;

/** Reads a trace file's keys, decompressing by its extension (.gz, .xz, or none). */
public final class TraceFiles {

  private TraceFiles() {}

  public static long[] read(Path file, TraceFormat format) throws IOException {
    try (InputStream in = open(file)) {
      TraceFormat.KeySink sink = new TraceFormat.KeySink();
      format.read(in, sink);
      return sink.toArray();
    }
  }

  private static InputStream open(Path file) throws IOException {
    InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    String name = file.getFileName().toString();
    if (name.endsWith(".gz")) {
      return new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16);
    }
    if (name.endsWith(".xz")) {
      return new BufferedInputStream(new XZInputStream(raw), 1 << 16);
    }
    return raw;
  }
}
