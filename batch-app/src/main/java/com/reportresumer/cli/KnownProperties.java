package com.reportresumer.cli;

import com.reportresumer.console.ConsoleProperties;
import com.reportresumer.notify.NotifyProperties;
import com.reportresumer.partnercenter.InvalidConfigurationException;
import com.reportresumer.partnercenter.PartnerCenterProperties;
import com.reportresumer.resume.ResumeJobProperties;
import com.reportresumer.schedule.ScheduleProperties;
import com.reportresumer.secrets.SecretSources;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The application's own properties ({@code resumer.*}), read from its {@code @ConfigurationProperties} records. Spring
 * binds the names it knows and drops the rest without a word, so a {@code --resumer.job.rate-limt=5} meant to spare a
 * shared quota would run the job unlimited: a {@code resumer.*} argument that names no property is refused instead
 * (exit 2), with the closest name.
 */
final class KnownProperties {

    /** The application's {@code @ConfigurationProperties} records ({@code KnownPropertiesTest} finds each). */
    static final List<Class<? extends Record>> RECORDS = List.of(ResumeJobProperties.class,
            PartnerCenterProperties.class, ScheduleProperties.class, NotifyProperties.class, ConsoleProperties.class);

    /** Every property's name, kebab-case, a list's element as {@code [0]}; by its relaxed form. */
    private static final Map<String, String> NAMES = names().stream()
            .collect(Collectors.toMap(KnownProperties::relaxed, Function.identity(), (a, b) -> a));

    private static final String PREFIX = "resumer.";

    private KnownProperties() {
    }

    /**
     * Refuses a {@code --resumer.…} argument (in any of Spring's relaxed spellings) that names no property.
     *
     * @throws InvalidConfigurationException naming the argument's property and the closest one
     */
    static void refuseUnknown(List<String> arguments) {
        for (String argument : arguments) {
            int eq = argument.indexOf('=');
            String name = argument.substring(2, eq < 0 ? argument.length() : eq);
            if (!relaxed(name).startsWith("resumer")) {
                continue;
            }
            if (!name.contains(".")) {
                // Spring reads this spelling from the environment only: as an argument it would be dropped
                String known = NAMES.get(relaxed(name));
                throw new InvalidConfigurationException(name + " is an environment variable's name, which Spring "
                        + "does not read from the command line: " + (known == null ? "set it in the environment"
                                : "give --" + known + "=…, or set " + name + " in the environment"));
            }
            if (NAMES.containsKey(relaxed(name))) {
                continue;
            }
            // compared without the prefix that every name shares, which would make any name look close
            String closest = Typos.closest(withoutPrefix(name.toLowerCase(Locale.ROOT)),
                            NAMES.values().stream().map(KnownProperties::withoutPrefix).toList())
                    .map(known -> " (did you mean " + PREFIX + known + "?)").orElse("");
            throw new InvalidConfigurationException("unknown property " + name + closest
                    + ": report-resumer has no property of that name");
        }
    }

    static List<String> names() {
        List<String> names = new ArrayList<>();
        for (Class<? extends Record> record : RECORDS) {
            add(record.getAnnotation(ConfigurationProperties.class).value(), record, names);
        }
        return names;
    }

    private static void add(String prefix, Class<?> record, List<String> names) {
        for (RecordComponent component : record.getRecordComponents()) {
            String name = prefix + "." + CliFailure.toKebab(component.getName());
            Class<?> type = component.getType();
            if (type.isRecord()) {
                add(name, type, names);
            }
            else if (List.class.isAssignableFrom(type)) {
                Type element = ((ParameterizedType) component.getGenericType()).getActualTypeArguments()[0];
                if (element instanceof Class<?> elementClass && elementClass.isRecord()) {
                    add(name + "[0]", elementClass, names);
                }
                else {
                    names.add(name); // a, b, c
                    names.add(name + "[0]");
                }
            }
            else {
                names.add(name);
            }
        }
    }

    private static String withoutPrefix(String name) {
        return name.startsWith(PREFIX) ? name.substring(PREFIX.length()) : name;
    }

    /**
     * The name as Spring's relaxed binding compares it: any case and no separators ({@link SecretSources#canonical}),
     * any list index.
     */
    private static String relaxed(String name) {
        return SecretSources.canonical(name.replaceAll("\\[[0-9]+]|_[0-9]+(?=_|$)", ""));
    }
}
