package com.reportresumer.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * The count {@link UnitLayer} holds unit tests to sees a Spring application start: its run listener, registered in
 * this module's {@code META-INF/spring.factories}, is loaded (without it every unit test would pass the guard).
 */
class RealPartsTest {

    @Configuration(proxyBeanMethods = false)
    static class Nothing {
    }

    @Test
    void aSpringApplicationIsCounted() {
        long before = RealParts.count();
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Nothing.class)
                .web(WebApplicationType.NONE).run()) {
            assertThat(context.isActive()).isTrue();
        }
        assertThat(RealParts.count()).isGreaterThan(before);
        assertThat(RealParts.last()).startsWith("a Spring application of").contains(Nothing.class.getName());
    }
}
