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
import java.time.Clock;
import java.util.Optional;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code backup config.yml --file followup.backup}: every table of the configured database (the embedded one when no
 * URL is configured) in one file, through JDBC only, so no PostgreSQL client tools of a matching version are needed.
 */
public final class BackupCommand extends ConfiguredCommand<FollowupConfiguration> {
    private final Clock clock;
    private final PrintStream out;

    public BackupCommand() {
        this(Clock.systemUTC(), System.out);
    }

    BackupCommand(Clock clock, PrintStream out) {
        super("backup", "Writes every table of the database to one file, from one consistent snapshot");
        this.clock = requireNonNull(clock, "clock is null");
        this.out = requireNonNull(out, "out is null");
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser
                .addArgument("--file")
                .dest("backupFile")
                .required(true)
                .help("the backup file to write (refused if it exists, unless --force)");
        subparser
                .addArgument("--force")
                .dest("force")
                .action(Arguments.storeTrue())
                .help("replace the file if it exists (only once the new backup is complete)");
    }

    @Override
    protected void run(
            Bootstrap<FollowupConfiguration> bootstrap, Namespace namespace, FollowupConfiguration configuration)
            throws Exception {
        Optional<EmbeddedPostgres> embedded =
                configuration.getEmbeddedDatabase().startIfNoUrl(configuration.getDatabase());
        try (Connection connection = Connections.open(configuration.getDatabase())) {
            new DatabaseBackup(clock, out)
                    .write(connection, Path.of(namespace.getString("backupFile")), namespace.getBoolean("force"));
        } finally {
            if (embedded.isPresent()) {
                embedded.get().close();
            }
        }
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable error) {
        Connections.report(cli, "backup", error);
    }
}
