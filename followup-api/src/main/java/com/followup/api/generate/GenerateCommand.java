package com.followup.api.generate;

import static java.util.Objects.requireNonNull;

import com.followup.api.FollowupConfiguration;
import com.followup.api.OperatorException;
import com.followup.api.db.DatabaseMigrations;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.DataSourceFactory;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code generate config.yml --size small|medium|large|huge --seed N}: a realistic generated agency, for tests, demos and
 * benchmarks, written through COPY in one transaction. Works on the embedded database like {@code server}.
 */
public final class GenerateCommand extends ConfiguredCommand<FollowupConfiguration> {
    private final Clock clock;
    private final PrintStream out;

    public GenerateCommand() {
        this(Clock.systemUTC(), System.out);
    }

    GenerateCommand(Clock clock, PrintStream out) {
        super(
                "generate",
                "Loads a generated agency (small: 200 interviews, medium: 100,000, large: about a million touches);"
                        + " every generated login's password is '" + AgencyGenerator.PASSWORD + "'");
        this.clock = requireNonNull(clock, "clock is null");
        this.out = requireNonNull(out, "out is null");
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser
                .addArgument("--size")
                .dest("size")
                .choices("small", "medium", "large", "huge")
                .setDefault("small")
                .help("how big an agency");
        subparser
                .addArgument("--seed")
                .dest("seed")
                .type(Long.class)
                .setDefault(1L)
                .help("same seed, same data");
        subparser
                .addArgument("--anchor")
                .dest("anchor")
                .help("the data's 'now' (ISO instant, e.g. 2026-03-16T12:00:00Z); default: the current minute");
        subparser
                .addArgument("--append")
                .dest("append")
                .action(Arguments.storeTrue())
                .help("add to a database that already has data (otherwise refused)");
    }

    @Override
    protected void run(
            Bootstrap<FollowupConfiguration> bootstrap, Namespace namespace, FollowupConfiguration configuration)
            throws Exception {
        AgencyGenerator.Size size =
                AgencyGenerator.Size.valueOf(namespace.getString("size").toUpperCase(Locale.ROOT));
        long seed = namespace.getLong("seed");
        String anchorText = namespace.getString("anchor");
        Instant anchor =
                anchorText == null ? clock.instant().truncatedTo(ChronoUnit.MINUTES) : Instant.parse(anchorText);
        boolean append = namespace.getBoolean("append");

        DataSourceFactory database = configuration.getDatabase();
        Optional<EmbeddedPostgres> embedded =
                configuration.getEmbeddedDatabase().startIfNoUrl(database);
        try {
            DatabaseMigrations.migrate(database);
            try (Connection connection =
                    DriverManager.getConnection(database.getUrl(), database.getUser(), database.getPassword())) {
                connection.setAutoCommit(false);
                AgencyGenerator.Result result = AgencyGenerator.generate(connection, size, seed, anchor, append);
                connection.commit();
                // The triggers that keep plan summaries current updated their rows once per COPY chunk: clean up now
                // rather than leave a first dashboard to wade through dead row versions.
                connection.setAutoCommit(true);
                try (java.sql.Statement statement = connection.createStatement()) {
                    statement.execute("VACUUM (ANALYZE) plan_summaries");
                }
                out.printf(
                        Locale.ROOT,
                        "Generated a %s agency (seed %d, anchored at %s) in %.1f s: %,d rows (%,d users, %,d companies,"
                                + " %,d contacts, %,d candidates, %,d interviews, %,d touches, %,d replies).%n"
                                + "Logins (password '%s'): admin %s, recruiter %s.%n",
                        size.name().toLowerCase(Locale.ROOT),
                        seed,
                        anchor,
                        result.elapsed().toMillis() / 1000.0,
                        result.rows(),
                        result.users(),
                        result.companies(),
                        result.contacts(),
                        result.candidates(),
                        result.interviews(),
                        result.touches(),
                        result.replies(),
                        AgencyGenerator.PASSWORD,
                        result.adminEmail(),
                        result.recruiterEmail());
            }
        } finally {
            if (embedded.isPresent()) {
                embedded.get().close();
            }
        }
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable error) {
        OperatorException.print(cli, "generate", error);
    }
}
