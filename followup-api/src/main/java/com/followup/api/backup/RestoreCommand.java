package com.followup.api.backup;

import static java.util.Objects.requireNonNull;

import com.followup.api.FollowupConfiguration;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Optional;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code restore config.yml --file followup.backup}: loads a backup into the configured database, which must be empty
 * and have no other session; with {@code FOLLOWUP_DATABASE_URL} pointing at a new server, this is also how an agency
 * moves off the embedded database (docs/operations.md).
 */
public final class RestoreCommand extends ConfiguredCommand<FollowupConfiguration> {
    private final PrintStream out;

    public RestoreCommand() {
        this(System.out);
    }

    RestoreCommand(PrintStream out) {
        super(
                "restore",
                "Loads a backup into an empty database: the backup's schema, its rows in one transaction, then any newer"
                        + " migrations");
        this.out = requireNonNull(out, "out is null");
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument("--file").dest("backupFile").required(true).help("the backup file to restore");
    }

    @Override
    protected void run(
            Bootstrap<FollowupConfiguration> bootstrap, Namespace namespace, FollowupConfiguration configuration)
            throws Exception {
        Path file = Path.of(namespace.getString("backupFile"));
        // A missing or foreign file is refused before a database is started for nothing.
        BackupFile.open(file).close();
        Optional<EmbeddedPostgres> embedded =
                configuration.getEmbeddedDatabase().startIfNoUrl(configuration.getDatabase());
        try (Connection connection = Connections.open(configuration.getDatabase())) {
            new DatabaseRestore(out).restore(connection, file);
        } finally {
            if (embedded.isPresent()) {
                embedded.get().close();
            }
        }
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable error) {
        Connections.report(cli, "restore", error);
    }
}
