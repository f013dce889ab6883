package com.followup.api.testing;

import com.followup.api.FollowupApplication;
import com.followup.api.FollowupConfiguration;
import com.followup.api.auth.PasswordHasher;
import com.followup.api.auth.Role;
import com.followup.api.auth.UserDao;
import com.followup.api.db.DatabaseMigrations;
import com.followup.core.testing.PostgresDatabaseExtension;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/** The whole application on a fresh database of its own, for end-to-end tests of the API. */
public final class TestApp {
    public static final String PASSWORD = "correct horse battery";
    private static final String HASH = new PasswordHasher().hash(PASSWORD);

    private TestApp() {}

    /** A database per test class, copied from one migrated once per JVM by the real changelog. */
    public static PostgresDatabaseExtension migratedDatabase() {
        return PostgresDatabaseExtension.migratedWith("followup-schema", database -> {
            try (Connection connection = database.connect()) {
                DatabaseMigrations.migrate(connection);
            }
        });
    }

    public static DropwizardAppExtension<FollowupConfiguration> app(
            PostgresDatabaseExtension database, ConfigOverride... overrides) {
        return app(FollowupApplication.class, database, overrides);
    }

    /** The application of {@code type} (such as {@link ClockedApplication}) on {@code database}. */
    public static DropwizardAppExtension<FollowupConfiguration> app(
            Class<? extends FollowupApplication> type,
            PostgresDatabaseExtension database,
            ConfigOverride... overrides) {
        List<ConfigOverride> all = new ArrayList<>(List.of(
                ConfigOverride.config("database.url", () -> database.jdbcUrl()),
                ConfigOverride.config(
                        "database.user", () -> database.database().userName().orElse("")),
                ConfigOverride.config(
                        "database.password",
                        () -> database.database().userPassword().orElse(""))));
        all.addAll(List.of(overrides));
        return new DropwizardAppExtension<>(
                type, ResourceHelpers.resourceFilePath("followup-test.yml"), all.toArray(ConfigOverride[]::new));
    }

    public static Jdbi jdbi(PostgresDatabaseExtension database) {
        Jdbi jdbi = Jdbi.create(database::connect);
        jdbi.installPlugin(new SqlObjectPlugin());
        return jdbi;
    }

    /** Creates a user with {@link #PASSWORD} straight in the database and returns its id. */
    public static long user(PostgresDatabaseExtension database, String email, String name, Role role) {
        return user(jdbi(database), email, name, role);
    }

    /** Creates a user with {@link #PASSWORD} through {@code jdbi} (with the SqlObject plugin) and returns its id. */
    public static long user(Jdbi jdbi, String email, String name, Role role) {
        return jdbi.onDemand(UserDao.class).insert(email, name, role, HASH);
    }

    /** A company "Acme" with one interviewer, and a one-hour video interview of the candidate with them. */
    public record Interview(long companyId, long contactId, long interviewId) {}

    /** Creates {@link Interview} through the API as {@code admin}, ending at {@code end}. */
    public static Interview interviewWithOneInterviewer(
            TestApi api, TestApi.Caller admin, long candidateId, Instant end) {
        long companyId = created(api.post(admin, "/api/companies", Map.of("name", "Acme")));
        long contactId = created(api.post(
                admin,
                "/api/companies/" + companyId + "/contacts",
                Map.of("name", "Ivy Interviewer", "role", "INTERVIEWER", "businessEmail", "ivy@acme.test")));
        long interviewId = created(api.post(
                admin,
                "/api/interviews",
                Map.of(
                        "candidateId",
                        candidateId,
                        "companyId",
                        companyId,
                        "role",
                        "Platform engineer",
                        "start",
                        end.minus(Duration.ofHours(1)).toString(),
                        "end",
                        end.toString(),
                        "format",
                        "VIDEO",
                        "interviewers",
                        List.of(Map.of("contactId", contactId)))));
        return new Interview(companyId, contactId, interviewId);
    }

    /** The id of what a POST created; fails on any other answer than 201. */
    public static long created(TestApi.Reply reply) {
        if (reply.status() != 201) {
            throw new AssertionError("expected 201 Created, got " + reply.status() + ": "
                    + reply.raw().body());
        }
        return reply.json().get("id").asLong();
    }

    public static TestApi api(DropwizardAppExtension<FollowupConfiguration> app) {
        return new TestApi("http://localhost:" + app.getLocalPort(), app.getObjectMapper());
    }
}
