package com.reportresumer.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test of the unit layer: pure logic, with no Spring application, no database, no stand-in API and no process of
 * its own, so that the whole layer runs in seconds on its own ({@code ./mvnw -B -q -pl batch-app -am test
 * -Dgroups=unit}, README, Tests). {@link UnitLayer} fails a test so marked that starts one of those anyway, and
 * {@code UnitLayerTest} fails the build when a test class that uses none of them is left out of the layer.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("unit")
@ExtendWith(UnitLayer.class)
public @interface UnitTest {
}
