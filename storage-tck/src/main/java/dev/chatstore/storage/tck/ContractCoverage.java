package dev.chatstore.storage.tck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.platform.commons.annotation.Testable;

/**
 * Guards that a backend runs the whole suite: {@link #contractClasses()} finds the contract classes
 * by scanning this module's classes (a directory in a reactor build, the jar otherwise), so a new
 * or split contract class is found without a list to update; {@link #assertEveryContractRunBy}
 * fails when a backend's test classes lack a subclass of one of them named after the convention
 * ({@code <Backend><Contract>}, e.g. {@code SqliteUserStoreContractTests}, {@code
 * PostgresUserStoreContractTests}).
 *
 * <p>Call it from one small test per backend and fixture:
 *
 * <pre>{@code
 * @Test
 * void everyContractClassRunsOnSqlite() {
 *   ContractCoverage.assertEveryContractRunBy("Sqlite", SqliteContractCoverageTests.class);
 * }
 * }</pre>
 */
public final class ContractCoverage {

  private static final String PACKAGE = ContractCoverage.class.getPackageName();

  private ContractCoverage() {}

  /**
   * Every contract class of the suite: each abstract class of this package (and below) that
   * declares or inherits at least one test method ({@code @Test}, {@code @ParameterizedTest}, any
   * JUnit {@link Testable} annotation). Nested classes are left out: they run with their outer
   * class.
   *
   * @return the classes, sorted by name
   */
  public static List<Class<?>> contractClasses() {
    return classesUnder(root(ContractCoverage.class), PACKAGE, ContractCoverage.class, n -> true)
        .filter(c -> Modifier.isAbstract(c.getModifiers()) && !c.isInterface())
        .filter(ContractCoverage::bearsTests)
        .sorted(Comparator.comparing(Class::getName))
        .collect(Collectors.toList());
  }

  /**
   * Asserts that the test classes next to {@code anchor} (the same classes directory or jar)
   * include, for every {@linkplain #contractClasses() contract class} {@code C}, a concrete
   * subclass named {@code prefix + C.getSimpleName()}.
   *
   * @param prefix the backend's name prefix, e.g. {@code "Sqlite"}, {@code "H2"}, {@code
   *     "Postgres"}
   * @param anchor any class of the backend's test classes (usually the calling test)
   * @throws AssertionError naming every contract class without such a subclass
   */
  public static void assertEveryContractRunBy(String prefix, Class<?> anchor) {
    List<Class<?>> contracts = contractClasses();
    if (contracts.isEmpty()) {
      throw new AssertionError("no contract classes found in " + root(ContractCoverage.class));
    }
    Map<String, Class<?>> candidates =
        classesUnder(root(anchor), "", anchor, simpleName -> simpleName.startsWith(prefix))
            .collect(Collectors.toMap(Class::getSimpleName, c -> c, (a, b) -> a));
    Set<String> missing = new TreeSet<>();
    for (Class<?> contract : contracts) {
      String expected = prefix + contract.getSimpleName();
      Class<?> subclass = candidates.get(expected);
      if (subclass == null) {
        missing.add(expected + " (no such class)");
      } else if (!contract.isAssignableFrom(subclass)) {
        missing.add(expected + " (does not extend " + contract.getSimpleName() + ")");
      } else if (Modifier.isAbstract(subclass.getModifiers())) {
        missing.add(expected + " (is abstract)");
      }
    }
    if (!missing.isEmpty()) {
      throw new AssertionError(
          "contract classes of the TCK not run by the "
              + prefix
              + " backend in "
              + root(anchor)
              + ": add a subclass that implements fixture() for each of "
              + missing);
    }
  }

  private static boolean bearsTests(Class<?> type) {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Method m : c.getDeclaredMethods()) {
        for (Annotation a : m.getAnnotations()) {
          if (isTestable(a.annotationType(), 0)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static boolean isTestable(Class<? extends Annotation> type, int depth) {
    if (type == Testable.class) {
      return true;
    }
    if (depth > 3 || type.getPackageName().startsWith("java.lang")) {
      return false;
    }
    for (Annotation meta : type.getAnnotations()) {
      if (isTestable(meta.annotationType(), depth + 1)) {
        return true;
      }
    }
    return false;
  }

  private static Path root(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException(
          "cannot tell where " + type.getName() + " was loaded from", e);
    }
  }

  /**
   * The top-level classes under a package of a classes directory or jar whose simple names pass the
   * filter, loaded uninitialized by the loader of {@code loader}.
   */
  private static Stream<Class<?>> classesUnder(
      Path root, String packageName, Class<?> loader, Predicate<String> simpleNames) {
    List<String> names = new ArrayList<>();
    String folder = packageName.replace('.', '/');
    try {
      if (Files.isDirectory(root)) {
        collect(root, root.resolve(folder), names);
      } else {
        try (FileSystem jar = FileSystems.newFileSystem(root)) {
          Path top = jar.getPath("/");
          collect(top, top.resolve(folder), names);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the classes of " + root, e);
    }
    ClassLoader classLoader = loader.getClassLoader();
    return names.stream()
        .filter(name -> simpleNames.test(name.substring(name.lastIndexOf('.') + 1)))
        .map(
            name -> {
              try {
                return Class.forName(name, false, classLoader);
              } catch (ClassNotFoundException | LinkageError e) {
                throw new IllegalStateException("cannot load " + name + " from " + root, e);
              }
            });
  }

  private static void collect(Path root, Path folder, List<String> names) throws IOException {
    if (!Files.isDirectory(folder)) {
      return;
    }
    try (Stream<Path> files = Files.walk(folder)) {
      files
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .filter(p -> p.endsWith(".class") && !p.contains("$") && !p.endsWith("-info.class"))
          .map(p -> p.substring(0, p.length() - ".class".length()).replace('/', '.'))
          .forEach(names::add);
    }
  }
}
