package io.dualcache.bench.sim.trace;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * How the keys of a trace file are encoded (see the traces' README, "Formats"). Each format turns
 * a decompressed stream into a sequence of keys, one per request.
 */
public enum TraceFormat {
  /** One decimal block number per line; trim; skip empty lines and "*" checkpoints. */
  LIRS_TEXT {
    @Override
    void read(InputStream in, KeySink sink) throws IOException {
      BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
      for (String line; (line = lines.readLine()) != null; ) {
        line = line.trim(); // loop has CRLF endings
        if (!line.isEmpty() && !line.equals("*")) {
          sink.add(Long.parseLong(line));
        }
      }
    }
  },

  /** "start count ignored request_no": the keys start .. start+count-1, one request each. */
  ARC_TEXT {
    @Override
    void read(InputStream in, KeySink sink) throws IOException {
      BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
      for (String line; (line = lines.readLine()) != null; ) {
        line = line.trim();
        if (line.isEmpty()) {
          continue;
        }
        String[] fields = line.split("\\s+");
        long start = Long.parseLong(fields[0]);
        long count = Long.parseLong(fields[1]);
        for (long k = start; k < start + count; k++) {
          sink.add(k);
        }
      }
    }
  },

  /** cache2k's format: 32-bit big-endian signed ints, no header. */
  INT32_BIG_ENDIAN {
    @Override
    void read(InputStream in, KeySink sink) throws IOException {
      DataInputStream data = new DataInputStream(in);
      try {
        while (true) {
          sink.add(data.readInt());
        }
      } catch (EOFException end) {
        // the normal end of the file
      }
    }
  },

  /** Corda's format: 64-bit big-endian longs, no header. */
  INT64_BIG_ENDIAN {
    @Override
    void read(InputStream in, KeySink sink) throws IOException {
      DataInputStream data = new DataInputStream(in);
      try {
        while (true) {
          sink.add(data.readLong());
        }
      } catch (EOFException end) {
        // the normal end of the file
      }
    }
  };

  abstract void read(InputStream in, KeySink sink) throws IOException;

  /** Collects keys into a growing array. */
  static final class KeySink {
    private long[] keys = new long[1 << 16];
    private int size;

    void add(long key) {
      if (size == keys.length) {
        keys = java.util.Arrays.copyOf(keys, size * 2);
      }
      keys[size++] = key;
    }

    long[] toArray() {
      return java.util.Arrays.copyOf(keys, size);
    }
  }
}
