package com.followup.api.demo;

import static java.util.Objects.requireNonNull;

import com.followup.api.Addresses;
import com.followup.api.FollowupApplication;
import com.followup.api.FollowupConfiguration;
import com.followup.api.OperatorException;
import com.followup.api.auth.PasswordHasher;
import com.followup.api.db.DatabaseMigrations;
import com.followup.api.demo.DemoAgency.Login;
import io.dropwizard.core.Application;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ServerCommand;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Locale;
import net.sourceforge.argparse4j.inf.Namespace;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * {@code demo config.yml}: the {@code server} command, plus a demo agency loaded into a database that has no users
 * yet, and the logins printed once the server is up. The application is wired by its own {@code run()}, exactly as
 * for {@code server}; this command only adds the data.
 */
public final class DemoCommand extends ServerCommand<FollowupConfiguration> {
    private final Clock clock;
    private final PrintStream out;

    public DemoCommand(Application<FollowupConfiguration> application) {
        this(application, Clock.systemUTC(), System.out);
    }

    DemoCommand(Application<FollowupConfiguration> application, Clock clock, PrintStream out) {
        super(
                application,
                "demo",
                "Runs the server like 'server' and, on a database without users, first loads a demo agency"
                        + " (demo only: its passwords are published)");
        this.clock = requireNonNull(clock, "clock is null");
        this.out = requireNonNull(out, "out is null");
    }

    /**
     * The demo is served over plain HTTP on this machine, so its session cookie is not Secure unless the configuration
     * says so (outside the demo it is Secure by default, decision 0024).
     */
    @Override
    protected void run(
            Bootstrap<FollowupConfiguration> bootstrap, Namespace namespace, FollowupConfiguration configuration)
            throws Exception {
        if (!configuration.getAuth().secureCookiesConfigured()) {
            configuration.getAuth().setSecureCookies(false);
        }
        super.run(bootstrap, namespace, configuration);
    }

    @Override
    protected void run(Environment environment, Namespace namespace, FollowupConfiguration configuration)
            throws Exception {
        // The application's run() has started the database (the embedded one when no URL is configured) and pointed
        // the configuration at it. A demo needs the tables even when migrations on start are switched off.
        DataSourceFactory database = configuration.getDatabase();
        if (!configuration.isMigrateOnStart()) {
            DatabaseMigrations.migrate(database);
        }
        // A pool of its own is not worth it for one transaction: connections straight from the driver, as for
        // the migrations.
        Jdbi jdbi = Jdbi.create(database.getUrl(), database.getUser(), database.getPassword());
        jdbi.installPlugin(new SqlObjectPlugin());
        jdbi.installPlugin(new PostgresPlugin());
        DemoData.Result result = new DemoData(new PasswordHasher()).loadIfEmpty(jdbi, clock);

        environment.lifecycle().addServerLifecycleListener(server -> {
            // One print call, so log lines from other threads do not cut the frame in two.
            out.print(banner(result, Addresses.of(server)));
            out.flush();
        });
        // Its passwords are published: reachable from this machine only, unless a bindHost says otherwise.
        if (configuration.getServerFactory() instanceof DefaultServerFactory standard) {
            FollowupApplication.listenOnLoopbackUnlessTold(standard.getApplicationConnectors());
        }
        super.run(environment, namespace, configuration);
    }

    /** What the demo prints once the server is up: where it is, what was loaded, who can log in. */
    static String banner(DemoData.Result result, Addresses addresses) {
        String rule = "=".repeat(100);
        StringBuilder text = new StringBuilder();
        text.append('\n').append(rule).append('\n');
        text.append(" Followup demo is running\n");
        text.append(" Portal:       ").append(addresses.portal()).append("  (log in with one of the logins below)\n");
        text.append(" API:          ").append(addresses.openApi()).append("  (the OpenAPI description)\n");
        text.append(" Health:       ").append(addresses.health()).append('\n');
        DemoAgency agency = result.agency();
        switch (result.status()) {
            case LOADED ->
                text.append(" Demo data:    loaded now: ")
                        .append(agency.candidates().size())
                        .append(" candidates, ")
                        .append(agency.companies().size())
                        .append(" companies, ")
                        .append(agency.interviews().size())
                        .append(" interviews, timed relative to ")
                        .append(agency.loadedAt())
                        .append('\n');
            case KEPT_DEMO_DATA ->
                text.append(" Demo data:    kept from an earlier start (nothing loaded now; delete the data directory")
                        .append(" to start over)\n");
            case KEPT_OTHER_DATA -> {
                text.append(" Demo data:    NOT loaded: this database already has users of its own.\n");
                text.append(" Log in with those; the demo logins do not exist here.\n");
                text.append(rule).append("\n\n");
                return text.toString();
            }
        }
        text.append('\n');
        text.append(" Demo logins (demo only: these passwords are published, never use them for real data)\n");
        for (Login login : agency.logins()) {
            text.append(String.format(
                    Locale.ROOT,
                    "   %-10s %-32s %-20s %s, %s%n",
                    login.role(),
                    login.email(),
                    login.password(),
                    login.name(),
                    login.about()));
        }
        Login admin = agency.staff().get(0);
        text.append('\n');
        text.append(" Log in:       curl -i -H 'Content-Type: application/json' -d '{\"email\":\"")
                .append(admin.email())
                .append("\",\"password\":\"")
                .append(admin.password())
                .append("\"}' ")
                .append(addresses.api())
                .append("/session\n");
        text.append(rule).append("\n\n");
        return text.toString();
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable error) {
        OperatorException.print(cli, error);
    }
}
