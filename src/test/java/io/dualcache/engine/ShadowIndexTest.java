package io.dualcache.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The shadows' hash index agrees with a HashMap through adds, removals and growth. */
class ShadowIndexTest {

  @Test
  void agreesWithAHashMap() {
    ShadowIndex index = new ShadowIndex();
    Map<Integer, PolicyNode<Object, Object>> expected = new HashMap<>();
    Random random = new Random(1);
    for (int i = 0; i < 200_000; i++) {
      // Few distinct hashes with alike low bits: long probe runs, many backward shifts.
      int hash = random.nextInt(3000) << 4;
      if (random.nextInt(3) == 0) {
        index.remove(hash);
        expected.remove(hash);
      } else if (!expected.containsKey(hash)) {
        PolicyNode<Object, Object> node = new PolicyNode<>(hash, null, true);
        index.add(node);
        expected.put(hash, node);
      }
      int probe = random.nextInt(3000) << 4;
      PolicyNode<Object, Object> found = index.get(probe);
      if (expected.containsKey(probe)) {
        assertSame(expected.get(probe), found, "hash " + probe + " at step " + i);
      } else {
        assertNull(found, "hash " + probe + " at step " + i);
      }
      assertEquals(expected.size(), index.size());
    }
  }
}
