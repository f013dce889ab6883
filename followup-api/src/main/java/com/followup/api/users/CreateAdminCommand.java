package com.followup.api.users;

import static java.util.Objects.requireNonNull;

import com.followup.api.FollowupConfiguration;
import com.followup.api.OperatorException;
import com.followup.api.audit.AuditDao;
import com.followup.api.auth.PasswordHasher;
import com.followup.api.auth.PasswordRules;
import com.followup.api.auth.Role;
import com.followup.api.auth.UserDao;
import com.followup.api.db.DatabaseMigrations;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.DataSourceFactory;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.Console;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * {@code create-admin config.yml --email ... --name ...}: the first admin of a real installation, who then creates
 * everyone else through the API. The password comes from {@value #PASSWORD_VARIABLE} (for scripts) or is typed on the
 * console, never from the command line, where it would end up in the shell history and the process list.
 */
public final class CreateAdminCommand extends ConfiguredCommand<FollowupConfiguration> {
    public static final String PASSWORD_VARIABLE = "FOLLOWUP_ADMIN_PASSWORD";

    /** The check of the users table, so a typo is refused before the database is started. */
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+$");

    /** A reason not to create the admin, told to the operator without a stack trace. */
    public static final class Refused extends OperatorException {
        Refused(String message) {
            super(message);
        }
    }

    private final Function<String, String> environment;
    private final Clock clock;
    private final PrintStream out;

    public CreateAdminCommand() {
        this(System::getenv, Clock.systemUTC(), System.out);
    }

    /** @param environment the process's environment variables, replaceable so tests need not set real ones */
    CreateAdminCommand(Function<String, String> environment, Clock clock, PrintStream out) {
        super(
                "create-admin",
                "Creates an admin user; the password comes from " + PASSWORD_VARIABLE + " or the console");
        this.environment = requireNonNull(environment, "environment is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.out = requireNonNull(out, "out is null");
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser
                .addArgument("--email")
                .dest("email")
                .required(true)
                .help("the admin's e-mail, which is also the login");
        subparser.addArgument("--name").dest("name").required(true).help("the admin's name as others see it");
    }

    @Override
    protected void run(
            Bootstrap<FollowupConfiguration> bootstrap, Namespace namespace, FollowupConfiguration configuration)
            throws Exception {
        String email = namespace.getString("email").trim();
        String name = namespace.getString("name").trim();
        if (!EMAIL.matcher(email).matches()) {
            throw new Refused("\"" + email + "\" is not an e-mail address.");
        }
        if (name.isEmpty()) {
            throw new Refused("The name is empty.");
        }
        String password = password(email);
        if (PasswordRules.problem(password).isPresent()) {
            throw new Refused("The password has " + password.length() + " characters; it needs " + PasswordRules.RULE
                    + ". Nothing was changed.");
        }

        DataSourceFactory database = configuration.getDatabase();
        Optional<EmbeddedPostgres> embedded =
                configuration.getEmbeddedDatabase().startIfNoUrl(database);
        try {
            // On a fresh installation the admin may come before the first server start.
            if (configuration.isMigrateOnStart()) {
                DatabaseMigrations.migrate(database);
            }
            Jdbi jdbi = Jdbi.create(database.getUrl(), database.getUser(), database.getPassword());
            jdbi.installPlugin(new SqlObjectPlugin());
            long id = create(jdbi, email, name, new PasswordHasher().hash(password));
            out.println("Created the admin " + name + " <" + email + "> (user " + id
                    + "). Log in with this e-mail and the password given.");
        } finally {
            if (embedded.isPresent()) {
                embedded.get().close();
            }
        }
    }

    private long create(Jdbi jdbi, String email, String name, String hash) {
        try {
            return jdbi.inTransaction(handle -> {
                UserDao users = handle.attach(UserDao.class);
                Optional<UserDao.UserRow> existing = users.findByEmail(email);
                if (existing.isPresent()) {
                    throw alreadyExists(email, existing.get());
                }
                long id = users.insert(email, name, Role.ADMIN, hash);
                handle.attach(AuditDao.class)
                        .record(
                                clock.instant(),
                                null,
                                "user.created",
                                "user",
                                Long.toString(id),
                                "{\"role\":\"ADMIN\",\"by\":\"create-admin command\"}");
                return id;
            });
        } catch (UnableToExecuteStatementException e) {
            // Someone created the same e-mail between the check and the insert.
            if (Users.isUniqueViolation(e)) {
                throw new Refused("A user with the e-mail " + email + " already exists. Nothing was changed.");
            }
            throw e;
        }
    }

    private static Refused alreadyExists(String email, UserDao.UserRow existing) {
        return new Refused("A user with the e-mail " + email + " already exists (" + existing.role() + ", "
                + existing.displayName() + "). Nothing was changed. An admin can change that user's role (PUT"
                + " /api/users/{id}) or force a password reset (POST /api/users/{id}/password-reset, or the user's"
                + " page under Administration); the user can ask for a reset link at /forgot-password.");
    }

    private String password(String email) {
        String fromEnvironment = environment.apply(PASSWORD_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return fromEnvironment;
        }
        Console console = System.console();
        if (console == null) {
            throw new Refused(
                    "No password: set " + PASSWORD_VARIABLE + ", or run create-admin in a terminal to type it.");
        }
        char[] first = console.readPassword("Password for %s (%s): ", email, PasswordRules.RULE);
        char[] second = console.readPassword("The same password again: ");
        try {
            if (first == null || second == null || !Arrays.equals(first, second)) {
                throw new Refused("The two passwords differ. Nothing was changed.");
            }
            return new String(first);
        } finally {
            // The String made from it lives on until collected, but the typed characters need not.
            if (first != null) {
                Arrays.fill(first, ' ');
            }
            if (second != null) {
                Arrays.fill(second, ' ');
            }
        }
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable error) {
        OperatorException.print(cli, "create-admin", error);
    }
}
