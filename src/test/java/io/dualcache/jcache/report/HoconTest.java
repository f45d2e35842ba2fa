package io.dualcache.jcache.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A quoted cache name in a snippet parses back to the very name, whatever characters it has. */
class HoconTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "com.example.Book",
        "say \"hi\"",
        "back\\slash",
        "tab\tnew\nline\rreturn",
        "backspace\bform\ffeed",
        "control\u0001\u001fchars",
        "unicode é ü 中"
      })
  void aQuotedNameParsesBackToItself(String name) {
    Config config = ConfigFactory.parseString(Hocon.cacheBlock(name, "maximum-size = 1"));
    Config caches = config.getConfig("dualcache.caches");
    assertEquals(1, caches.root().size());
    assertEquals(name, caches.root().keySet().iterator().next());
  }
}
