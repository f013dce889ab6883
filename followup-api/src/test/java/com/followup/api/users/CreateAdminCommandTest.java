package com.followup.api.users;

import static org.assertj.core.api.Assertions.assertThat;

import com.followup.api.FollowupApplication;
import com.followup.api.FollowupConfiguration;
import com.followup.api.auth.PasswordHasher;
import com.followup.api.auth.PasswordRules;
import com.followup.api.auth.Role;
import com.followup.api.auth.UserDao;
import com.followup.core.testing.PostgresDatabaseExtension;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code create-admin} run through Dropwizard's command line, as {@code java -jar ... create-admin} runs it. */
class CreateAdminCommandTest {
    private static final String PASSWORD = "a long admin password";

    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = PostgresDatabaseExtension.empty();

    @TempDir
    static Path directory;

    private static Path configuration;
    private static UserDao users;

    @BeforeAll
    static void writeConfiguration() throws IOException {
        configuration = directory.resolve("followup.yml");
        Files.writeString(
                configuration,
                """
                database:
                  driverClass: org.postgresql.Driver
                  url: "%s"
                  user: "%s"
                  password: "%s"
                migrateOnStart: true
                logging:
                  level: WARN
                """
                        .formatted(
                                DATABASE.jdbcUrl(),
                                DATABASE.database().userName().orElse(""),
                                DATABASE.database().userPassword().orElse("")));
        Jdbi jdbi = Jdbi.create(DATABASE::connect);
        jdbi.installPlugin(new SqlObjectPlugin());
        users = jdbi.onDemand(UserDao.class);
    }

    /** A command line's outcome: the failure, if any, and what it printed. */
    record Run(Optional<Throwable> failure, String out, String err) {}

    private static Run createAdmin(String password, String email, String name) {
        ByteArrayOutputStream commandOut = new ByteArrayOutputStream();
        ByteArrayOutputStream cliOut = new ByteArrayOutputStream();
        ByteArrayOutputStream cliErr = new ByteArrayOutputStream();
        Bootstrap<FollowupConfiguration> bootstrap = new Bootstrap<>(new FollowupApplication());
        bootstrap.addCommand(new CreateAdminCommand(
                Map.of(CreateAdminCommand.PASSWORD_VARIABLE, password)::get,
                Clock.fixed(Instant.parse("2026-03-16T09:00:00Z"), ZoneOffset.UTC),
                new PrintStream(commandOut, true, StandardCharsets.UTF_8)));
        Cli cli = new Cli(new JarLocation(CreateAdminCommandTest.class), bootstrap, cliOut, cliErr);
        Optional<Throwable> failure =
                cli.run("create-admin", configuration.toString(), "--email", email, "--name", name);
        return new Run(
                failure,
                commandOut.toString(StandardCharsets.UTF_8) + cliOut.toString(StandardCharsets.UTF_8),
                cliErr.toString(StandardCharsets.UTF_8));
    }

    @Test
    void createsAnAdminWhoseHashMatchesThePassword() {
        Run run = createAdmin(PASSWORD, "first.admin@agency.test", "Frances First");

        assertThat(run.failure()).isEmpty();
        assertThat(run.out()).contains("Created the admin Frances First <first.admin@agency.test>");
        UserDao.UserRow admin = users.findByEmail("first.admin@agency.test").orElseThrow();
        assertThat(admin.role()).isEqualTo(Role.ADMIN);
        assertThat(admin.displayName()).isEqualTo("Frances First");
        assertThat(admin.active()).isTrue();
        assertThat(new PasswordHasher().matches(PASSWORD, admin.passwordHash())).isTrue();
        assertThat(admin.passwordHash()).doesNotContain(PASSWORD);
    }

    @Test
    void refusesAPasswordShorterThanTheMinimum() {
        String shortPassword = "x".repeat(PasswordRules.MINIMUM_LENGTH - 1);

        Run run = createAdmin(shortPassword, "short.password@agency.test", "Sam Short");

        assertThat(run.failure()).containsInstanceOf(CreateAdminCommand.Refused.class);
        assertThat(run.err()).contains("it needs 12 to 200 characters").doesNotContain("Exception");
        assertThat(users.findByEmail("short.password@agency.test")).isEmpty();
    }

    @Test
    void refusesAnEmailThatIsTakenWhateverItsCase() {
        assertThat(createAdmin(PASSWORD, "taken@agency.test", "Tess Taken").failure())
                .isEmpty();

        Run again = createAdmin("another long password", "Taken@Agency.test", "Someone Else");

        assertThat(again.failure()).containsInstanceOf(CreateAdminCommand.Refused.class);
        assertThat(again.err())
                .contains("A user with the e-mail Taken@Agency.test already exists (ADMIN, Tess Taken)")
                .contains("Nothing was changed")
                // The routes it names exist (AccessMatrixTest checks each one).
                .contains("POST /api/users/{id}/password-reset", "/forgot-password");
        UserDao.UserRow kept = users.findByEmail("taken@agency.test").orElseThrow();
        assertThat(kept.displayName()).isEqualTo("Tess Taken");
        assertThat(new PasswordHasher().matches(PASSWORD, kept.passwordHash())).isTrue();
    }

    @Test
    void theApplicationOffersTheDemoAndCreateAdminCommands() {
        FollowupApplication application = new FollowupApplication();
        Bootstrap<FollowupConfiguration> bootstrap = new Bootstrap<>(application);
        application.initialize(bootstrap);

        assertThat(bootstrap.getCommands()).extracting(Command::getName).contains("demo", "create-admin");
    }
}
