package com.reportresumer.cli;

import com.reportresumer.schema.DatabaseSchema;
import picocli.CommandLine.Command;

@Command(name = "migrate", mixinStandardHelpOptions = true,
        header = "Creates or upgrades the database schema.",
        description = "Applies the Flyway migrations of this release. Run it as the schema's owner (resumer_owner); "
                + "every other command runs as resumer_app and only checks that the schema is current.")
class MigrateCommand extends Subcommand {

    @Override
    public Integer call() throws Exception {
        return inContext(ContextSpec.migration(), context -> {
            DatabaseSchema.Migrated migrated = context.getBean(DatabaseSchema.class).migrate();
            out().printf(migrated.applied() == 0 ? "Schema at version %2$s: nothing to migrate%n"
                    : "Schema migrated from version %s to %s (%d migrations applied)%n", migrated.from(),
                    migrated.to(), migrated.applied());
            return ExitCodes.OK;
        });
    }
}
