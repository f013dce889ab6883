package com.followup.reports;

import com.followup.api.FollowupConfiguration;
import com.followup.api.OperatorException;
import com.followup.api.cache.ChangeFeed;
import com.followup.api.db.DatabaseMigrations;
import com.followup.api.policy.JdbiPolicyStore;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.ManagedDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Optional;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;

/**
 * One week's report in one format, for scripts:
 * {@code java -jar followup.jar report config/followup.yml --week 2026-W47 --format csv --out report.csv}. The report
 * is archived like any other (produced via COMMAND), and the file written is the archived one.
 */
public final class ReportCommand extends ConfiguredCommand<FollowupConfiguration> {
    public ReportCommand() {
        super("report", "Produces and archives one week's report and writes it in one format");
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument("--week").required(true).help("ISO week, like 2026-W47, in the agency's zone");
        subparser
                .addArgument("--format")
                .setDefault("pdf")
                .choices("pdf", "csv", "zip")
                .help("pdf, csv, or zip (the CSV's data as tidy tables, docs/reports.md)");
        subparser.addArgument("--recruiter").type(Long.class).help("a recruiter's id: their candidates only");
        subparser.addArgument("--out").required(true).help("the file to write, - for standard output");
    }

    @Override
    protected void run(
            Bootstrap<FollowupConfiguration> bootstrap, Namespace namespace, FollowupConfiguration configuration)
            throws Exception {
        IsoWeek week = IsoWeek.parse(namespace.getString("week"));
        ReportFormat format = ReportFormat.parse(namespace.getString("format"));
        Long recruiter = namespace.get("recruiter");
        ReportScope scope = recruiter == null ? ReportScope.AGENCY : ReportScope.recruiter(recruiter);
        Optional<EmbeddedPostgres> embedded =
                configuration.getEmbeddedDatabase().startIfNoUrl(configuration.getDatabase());
        try {
            if (configuration.isMigrateOnStart()) {
                DatabaseMigrations.migrate(configuration.getDatabase());
            }
            ManagedDataSource dataSource =
                    configuration.getDatabase().build(bootstrap.getMetricRegistry(), "report-command");
            try {
                Jdbi jdbi = Jdbi.create(dataSource);
                jdbi.installPlugin(new PostgresPlugin());
                ZoneId zone = ZoneId.of(configuration.getAgency().getZone());
                Clock clock = Clock.systemUTC();
                ReportService reports = new ReportService(
                        jdbi,
                        new JdbiPolicyStore(jdbi, bootstrap.getObjectMapper(), zone, clock, ChangeFeed.notListening()),
                        clock,
                        bootstrap.getObjectMapper(),
                        zone,
                        configuration.getAgency().getName());
                ReportArchive.Entry entry = reports.produce(week, scope, Optional.empty(), ReportArchive.Via.COMMAND);
                byte[] content =
                        reports.archive().file(entry.id(), format).orElseThrow().content();
                String out = namespace.getString("out");
                if ("-".equals(out)) {
                    OutputStream stdout = System.out;
                    stdout.write(content);
                    stdout.flush();
                } else {
                    Files.write(Path.of(out), content);
                    System.err.println("report " + entry.id() + " (" + week + ", " + scope + ", version "
                            + entry.version() + ") written to " + out);
                }
            } finally {
                dataSource.stop();
            }
        } finally {
            if (embedded.isPresent()) {
                embedded.get().close();
            }
        }
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable error) {
        OperatorException.print(cli, error);
    }
}
