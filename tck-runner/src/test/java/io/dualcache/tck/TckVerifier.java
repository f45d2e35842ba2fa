package io.dualcache.tck;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Runs after both Surefire executions and decides whether the TCK really passed: Surefire's
 * reports give each test's outcome, the forks' audit files (see {@link TckAuditListener}) tell
 * which of those "passes" never ran. Prints the TCK's counts on one line and the wall time, and
 * throws, failing the build, unless every expected test ran and passed except the one the
 * ExcludeList is allowed to name. Arguments are key=value pairs set in the pom.
 */
public final class TckVerifier {
  private static final String CORE = "core";
  private static final String ANNOTATION = "annotation";
  private static final int MAX_LISTED = 40;

  private final Map<String, String> config;
  private final Set<String> allowedExclusions;
  private final List<String> problems = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();
  private final Map<String, Integer> passed = new LinkedHashMap<>();
  private final Set<String> excluded = new LinkedHashSet<>();
  private final Set<String> skipped = new LinkedHashSet<>();
  private final Map<String, Double> wallSeconds = new LinkedHashMap<>();

  private TckVerifier(Map<String, String> config) {
    this.config = config;
    this.allowedExclusions = Set.of(config.get("expected.excluded").split(","));
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> config = new LinkedHashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      config.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    new TckVerifier(config).verify();
  }

  private void verify() throws Exception {
    for (String suite : List.of(CORE, ANNOTATION)) {
      checkSuite(suite);
    }
    for (String allowed : allowedExclusions) {
      if (!excluded.contains(allowed)) {
        problems.add(
            "the ExcludeList exclusion of "
                + allowed
                + " was never observed: either the TCK did not read our ExcludeList or the audit"
                + " cannot see exclusions (then no skip would be caught either)");
      }
    }

    int totalFailed = failures.size();
    String summary =
        String.format(
            Locale.ROOT,
            "TCK: %d core + %d annotation passed, %d failed, %d excluded (%s), %d skipped",
            passed.getOrDefault(CORE, 0),
            passed.getOrDefault(ANNOTATION, 0),
            totalFailed,
            excluded.size(),
            excluded.stream().map(TckVerifier::shortName).collect(Collectors.joining(", ")),
            skipped.size());
    String wall =
        String.format(
            Locale.ROOT,
            "TCK wall time: %.1f s (core %.1f s, annotation %.1f s; fork start to last test end)",
            wallSeconds.values().stream().mapToDouble(Double::doubleValue).sum(),
            wallSeconds.getOrDefault(CORE, 0.0),
            wallSeconds.getOrDefault(ANNOTATION, 0.0));

    if (!failures.isEmpty()) {
      System.out.println("TCK failures (" + failures.size() + "):");
      failures.stream().limit(MAX_LISTED).forEach(f -> System.out.println("  " + f));
      if (failures.size() > MAX_LISTED) {
        System.out.println("  ... " + (failures.size() - MAX_LISTED) + " more in target/surefire-reports");
      }
    }
    if (!problems.isEmpty()) {
      System.out.println("TCK harness problems (" + problems.size() + "):");
      problems.stream().limit(MAX_LISTED).forEach(p -> System.out.println("  " + p));
    }
    System.out.println(summary);
    System.out.println(wall);
    if (!failures.isEmpty() || !problems.isEmpty()) {
      throw new IllegalStateException(
          "the TCK did not really pass: "
              + failures.size()
              + " failed test(s), "
              + problems.size()
              + " harness problem(s) (listed above)");
    }
  }

  private void checkSuite(String suite) throws Exception {
    Map<String, String> outcomes = readReports(suite, Paths.get(config.get("reports." + suite)));
    List<String[]> audit = readAudit(suite);

    int expected = Integer.parseInt(config.get("expected." + suite));
    if (outcomes.size() != expected) {
      problems.add(
          suite + ": Surefire reported " + outcomes.size() + " tests, TCK 1.1.1 has " + expected);
    }

    Set<String> notRun = new LinkedHashSet<>();
    Set<String> finished = new LinkedHashSet<>();
    long forkStart = 0;
    long lastEnd = 0;
    for (String[] r : audit) {
      switch (r[0]) {
        case "fork.start" -> forkStart = Long.parseLong(r[1]);
        case "finished" -> {
          finished.add(r[1]);
          lastEnd = Math.max(lastEnd, Long.parseLong(r[2]));
        }
        case "excluded" -> {
          notRun.add(r[1]);
          if (allowedExclusions.contains(r[1]) && CORE.equals(suite)) {
            excluded.add(r[1]);
          } else {
            skipped.add(r[1]);
            problems.add(suite + ": " + r[1] + " was skipped by a TCK rule (" + r[3] + ")");
          }
        }
        case "ignored", "assumption" -> {
          notRun.add(r[1]);
          skipped.add(r[1]);
          problems.add(suite + ": " + r[1] + " was not run (" + r[0] + ")");
        }
        case "audit.lost" -> problems.add(suite + ": audit incomplete: " + r[1]);
        case "tck.unwrap.failed" -> problems.add(suite + ": " + r[1]);
        default -> {}
      }
    }
    if (forkStart > 0 && lastEnd > 0) {
      wallSeconds.put(suite, (lastEnd - forkStart) / 1000.0);
    }

    // Every test Surefire reports must have passed through the listener, and nothing else.
    Set<String> unaudited = new LinkedHashSet<>(outcomes.keySet());
    unaudited.removeAll(finished);
    Set<String> unreported = new LinkedHashSet<>(finished);
    unreported.removeAll(outcomes.keySet());
    if (!unaudited.isEmpty() || !unreported.isEmpty()) {
      problems.add(
          suite
              + ": listener and Surefire disagree; not audited "
              + first(unaudited)
              + ", not reported "
              + first(unreported));
    }

    int real = 0;
    for (Map.Entry<String, String> e : outcomes.entrySet()) {
      String outcome = e.getValue();
      if ("skipped".equals(outcome)) {
        skipped.add(e.getKey());
        problems.add(suite + ": " + e.getKey() + " was reported skipped by Surefire");
      } else if (!"passed".equals(outcome)) {
        failures.add(shortName(e.getKey()) + ": " + outcome);
      } else if (!notRun.contains(e.getKey())) {
        real++;
      }
    }
    passed.put(suite, real);

    checkEnvironment(suite, audit);
    if (ANNOTATION.equals(suite)) {
      checkAnnotationSetUp(audit, outcomes.keySet());
    }
  }

  /** The fork ran with the settings a real pass needs; see the pom for why each matters. */
  private void checkEnvironment(String suite, List<String[]> audit) {
    Map<String, String> props = new LinkedHashMap<>();
    List<String> excludeListResources = new ArrayList<>();
    List<String> excludeListEntries = new ArrayList<>();
    List<String> providers = new ArrayList<>();
    boolean tckReadExcludeList = false;
    for (String[] r : audit) {
      switch (r[0]) {
        case "sysprop" -> props.put(r[1], r[2]);
        case "unwrap" -> {
          String want = config.get("unwrap." + r[1]);
          if (!r[2].equals(want)) {
            problems.add(suite + ": unwrap property " + r[1] + " is " + r[2] + ", want " + want);
          } else if (!"OK".equals(r[3])) {
            problems.add(suite + ": unwrap property " + r[1] + "=" + r[2] + ": " + r[3]);
          }
        }
        case "excludelist.resource" -> excludeListResources.add(r[1]);
        case "excludelist.entry" -> excludeListEntries.add(r[1]);
        case "provider.service" -> providers.add(r.length > 2 ? r[2] : "");
        case "tck.excludelist" -> {
          tckReadExcludeList |= r[1].startsWith("===== ExcludeList url=");
          if (r[1].contains("bad entry")) {
            problems.add(suite + ": " + r[1]);
          }
        }
        default -> {}
      }
    }
    if (props.isEmpty()) {
      problems.add(suite + ": the fork recorded no environment (listener not registered?)");
      return;
    }
    requireProperty(suite, props, "javax.cache.spi.CachingProvider", "<unset>");
    requireProperty(suite, props, "org.jsr107.tck.management.statistics.timeout.seconds", "<unset>");
    requireProperty(suite, props, "ExcludeList", "<unset>");
    requireProperty(suite, props, "javax.management.builder.initial", "<unset>");
    requireProperty(suite, props, "org.jsr107.tck.support.server.address", "127.0.0.1");
    requireProperty(suite, props, "java.net.preferIPv4Stack", "true");

    if (excludeListResources.size() != 1 || !excludeListResources.get(0).contains("test-classes")) {
      problems.add(
          suite + ": want exactly our ExcludeList on the classpath, found " + excludeListResources);
    }
    if (!new LinkedHashSet<>(excludeListEntries).equals(allowedExclusions)
        || excludeListEntries.size() != allowedExclusions.size()) {
      problems.add(
          suite
              + ": the ExcludeList must name only "
              + allowedExclusions
              + ", it names "
              + excludeListEntries);
    }
    if (CORE.equals(suite) && !tckReadExcludeList) {
      problems.add("core: the TCK never logged loading the ExcludeList");
    }
    if (!providers.equals(List.of(config.get("provider")))) {
      problems.add(
          suite
              + ": want the one CachingProvider "
              + config.get("provider")
              + " on the classpath, found "
              + providers);
    }
  }

  private void requireProperty(String suite, Map<String, String> props, String name, String want) {
    String got = props.get(name);
    if (!want.equals(got)) {
      problems.add(suite + ": system property " + name + " is " + got + ", want " + want);
    }
  }

  /**
   * The TCK swallows a BeanProvider that fails to load and "passes" all annotation tests. Demand
   * proof that ours was built, that Guice wove interceptors into every bean it served, and that
   * each test_AT_CacheResult left its entry in a cache of the provider under test.
   */
  private void checkAnnotationSetUp(List<String[]> audit, Set<String> tests) {
    boolean created = false;
    boolean injector = false;
    int beans = 0;
    Map<String, String[]> caches = new LinkedHashMap<>();
    for (String[] r : audit) {
      switch (r[0]) {
        case "beanprovider.created" -> created = true;
        case "guice.injector.created" -> injector = true;
        case "bean" -> {
          beans++;
          if (!"true".equals(r[3])) {
            problems.add("annotation: bean " + r[1] + " was served without interceptors: " + r[2]);
          }
        }
        case "annotation.caches" -> caches.put(r[1], r);
        default -> {}
      }
    }
    if (!created || !injector || beans == 0) {
      problems.add(
          "annotation: BeanProvider created="
              + created
              + ", Guice injector created="
              + injector
              + ", beans served="
              + beans
              + " (see target/surefire-reports/annotation/*-output.txt)");
    }
    List<String> cacheResultTests =
        tests.stream().filter(t -> t.endsWith("#test_AT_CacheResult")).toList();
    if (cacheResultTests.size() != 3) {
      problems.add("annotation: want 3 test_AT_CacheResult tests, found " + cacheResultTests);
    }
    for (String test : cacheResultTests) {
      String[] r = caches.get(test);
      if (r == null
          || !config.get("provider").equals(r[2])
          || Long.parseLong(r[3]) < 1) {
        problems.add(
            "annotation: "
                + shortName(test)
                + " left no entry in a cache of "
                + config.get("provider")
                + ": "
                + (r == null ? "nothing recorded" : String.join(" ", r)));
      }
    }
  }

  /** class#method of each test case, mapped to "passed", "skipped" or its first failure line. */
  private Map<String, String> readReports(String suite, Path dir) throws Exception {
    Map<String, String> outcomes = new LinkedHashMap<>();
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().matches("TEST-.*\\.xml")).sorted().toList();
    } catch (IOException e) {
      problems.add(suite + ": no Surefire reports in " + dir + " (did the TCK run?)");
      return outcomes;
    }
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    for (Path file : files) {
      NodeList cases = factory.newDocumentBuilder().parse(file.toFile()).getElementsByTagName("testcase");
      for (int i = 0; i < cases.getLength(); i++) {
        Element c = (Element) cases.item(i);
        String id = c.getAttribute("classname") + "#" + c.getAttribute("name");
        if (outcomes.put(id, outcome(c)) != null) {
          problems.add(suite + ": " + id + " reported twice");
        }
      }
    }
    return outcomes;
  }

  private static String outcome(Element testcase) {
    for (String kind : List.of("failure", "error")) {
      NodeList found = testcase.getElementsByTagName(kind);
      if (found.getLength() > 0) {
        Element e = (Element) found.item(0);
        String message = e.getAttribute("message");
        String text = e.getAttribute("type") + (message.isEmpty() ? "" : ": " + message);
        if (text.isEmpty()) {
          text = e.getTextContent();
        }
        return text.strip().lines().findFirst().orElse(kind);
      }
    }
    return testcase.getElementsByTagName("skipped").getLength() > 0 ? "skipped" : "passed";
  }

  private List<String[]> readAudit(String suite) {
    Path file = Paths.get(config.get("auditDir"), suite + ".log");
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
          .map(l -> l.split("\t", -1))
          .toList();
    } catch (IOException e) {
      problems.add(suite + ": no audit " + file + " (listener not registered, or fork died)");
      return List.of();
    }
  }

  private static String shortName(String id) {
    return id.substring(id.lastIndexOf('.', id.indexOf('#')) + 1);
  }

  private static String first(Set<String> ids) {
    return ids.isEmpty() ? "[]" : ids.stream().limit(5).toList() + (ids.size() > 5 ? "..." : "");
  }
}
