package com.reportresumer.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The unit layer holds every test class that can be in it. Read from the compiled test classes: a test class uses a
 * real part when it, or a test helper it uses (followed through the helpers it uses in turn), names one of
 * {@link #REAL_PARTS}; one that names none must be a {@link UnitTest}, and a {@code UnitTest} must name none.
 * ({@link UnitLayer} holds the rest at run time: a unit test whose command line boots Spring fails.)
 */
@UnitTest
class UnitLayerTest {

    /** What makes a test functional: a database, a stand-in API, a process, a server, a browser, Spring itself. */
    private static final Set<String> REAL_PARTS = Stream.of(
            "com.reportresumer.testsupport.ResumerEnvironment", "com.reportresumer.testsupport.TestDatabases",
            "com.reportresumer.testsupport.PartnerCenterStandIn", "com.reportresumer.testsupport.ForkedApp",
            "com.reportresumer.testsupport.Psql", "com.reportresumer.sandbox.Sandbox",
            "org.springframework.boot.SpringApplication", "org.springframework.boot.builder.SpringApplicationBuilder",
            "com.sun.net.httpserver.HttpServer", "java.lang.ProcessBuilder", "org.openqa.selenium.WebDriver")
            .map(UnitLayerTest::internalName).collect(Collectors.toSet());

    /** The layer's own watch, which every unit test names and which counts (so names) what starts a Spring application. */
    private static final Set<String> THE_LAYER = Stream.of(UnitTest.class, UnitLayer.class, RealParts.class)
            .map(Class::getName).map(UnitLayerTest::internalName).collect(Collectors.toSet());

    private static final List<String> TEST_ANNOTATIONS = Stream.of("org.junit.jupiter.api.Test",
            "org.junit.jupiter.params.ParameterizedTest", "org.junit.jupiter.api.RepeatedTest",
            "org.junit.jupiter.api.TestFactory").map(name -> "L" + internalName(name) + ";").toList();

    private static final Pattern CLASS_NAME = Pattern.compile("[a-z][a-z0-9_]*(?:/[A-Za-z0-9_$]+)+");
    private static final String UNIT_TEST = "L" + internalName(UnitTest.class.getName()) + ";";

    private final Path classes = testClasses();
    private final Map<String, String> constants = new HashMap<>();

    @Test
    void everyTestClassThatUsesNoRealPartIsInTheUnitLayerAndNoOtherIs() throws IOException {
        Set<String> unitButReal = new TreeSet<>();
        Set<String> pureButLeftOut = new TreeSet<>();
        int tests = 0;
        int units = 0;
        for (String test : testClasses(classes)) {
            tests++;
            boolean unit = constantsOf(test).contains(UNIT_TEST);
            units += unit ? 1 : 0;
            String realPart = realPartUsedBy(test);
            if (unit && realPart != null) {
                unitButReal.add(test + " (" + realPart + ")");
            }
            if (!unit && realPart == null) {
                pureButLeftOut.add(test);
            }
        }
        assertThat(tests).as("test classes read from " + classes).isGreaterThan(50);
        assertThat(units).as("unit tests among them").isGreaterThan(20);
        assertThat(unitButReal).as("@UnitTest classes that use a real part: they belong with the functional tests")
                .isEmpty();
        assertThat(pureButLeftOut).as("test classes that use no real part: mark them @UnitTest").isEmpty();
    }

    /** The real part {@code test} names, itself or through the test helpers it names; null for none. */
    private String realPartUsedBy(String test) {
        Set<String> seen = new HashSet<>();
        Deque<String> next = new ArrayDeque<>(List.of(test));
        while (!next.isEmpty()) {
            String name = next.pop();
            if (!seen.add(name)) {
                continue;
            }
            Matcher names = CLASS_NAME.matcher(constantsOf(name));
            while (names.find()) {
                String used = names.group();
                String outer = used.contains("$") ? used.substring(0, used.indexOf('$')) : used;
                if (REAL_PARTS.contains(outer)) {
                    return outer.substring(outer.lastIndexOf('/') + 1) + " in " + name;
                }
                if (!THE_LAYER.contains(outer) && Files.exists(classes.resolve(used + ".class"))) {
                    next.push(used);
                }
            }
        }
        return null;
    }

    /** The class file's bytes as Latin-1 text: its constant pool's names and descriptors stand in it as written. */
    private String constantsOf(String name) {
        return constants.computeIfAbsent(name, n -> {
            try {
                return new String(Files.readAllBytes(classes.resolve(n + ".class")), StandardCharsets.ISO_8859_1);
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The top-level classes named {@code …Test} that hold JUnit tests, as internal names. */
    private List<String> testClasses(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.map(file -> root.relativize(file).toString().replace('\\', '/'))
                    .filter(file -> file.endsWith("Test.class") && !file.contains("$"))
                    .map(file -> file.substring(0, file.length() - ".class".length()))
                    .filter(name -> TEST_ANNOTATIONS.stream().anyMatch(constantsOf(name)::contains))
                    .sorted().toList();
        }
    }

    /** A class's name as its class file has it (written with dots here, so that this class's own file names none). */
    private static String internalName(String className) {
        return className.replace('.', '/');
    }

    private static Path testClasses() {
        try {
            return Path.of(UnitLayerTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        }
        catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
