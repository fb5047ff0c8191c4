package com.reportresumer.cli;

import java.util.List;
import java.util.Set;

/**
 * What another jar's main class adds to the production command line: commands, and flags that apply to every
 * command. The production jar ({@code batch-app.jar}) adds nothing; the demo jar ({@code ops/demo}) adds the
 * {@code demo} command and the {@code --demo} flag. Given to {@link ResumerCli}'s constructor, or to
 * {@link Main#launch}.
 */
public interface CliExtension {

    /** The production command line: nothing added. */
    CliExtension NONE = new CliExtension() {
    };

    /**
     * Flags without a value, accepted anywhere on the line like {@code --debug}: taken off the line before the
     * command is parsed, and handed to {@link #beforeContext} when given.
     */
    default Set<String> flags() {
        return Set.of();
    }

    /**
     * Lines for every command's help that describe {@link #flags()}, in the form of the common options there
     * ({@code "  --demo           ..."}).
     */
    default List<String> helpLines() {
        return List.of();
    }

    /** Commands added beside the production ones: picocli {@code @Command} objects, for the command line {@code cli}. */
    default List<Object> commands(ResumerCli cli) {
        return List.of();
    }

    /**
     * Called whenever a command of {@code cli} is about to boot the application context as {@code spec} says, with
     * those of {@link #flags()} that are on the line: returns the spec to boot, which may add property defaults
     * ({@link ContextSpec#withDefaults}); resources it starts are closed when the command ends
     * ({@link ResumerCli#closeAtEnd}).
     */
    default ContextSpec beforeContext(ResumerCli cli, ContextSpec spec, Set<String> flagsGiven) {
        return spec;
    }
}
