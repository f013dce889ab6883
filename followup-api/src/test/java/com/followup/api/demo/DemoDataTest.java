package com.followup.api.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.followup.api.Addresses;
import com.followup.api.FollowupConfiguration;
import com.followup.api.auth.PasswordHasher;
import com.followup.api.demo.DemoAgency.Login;
import com.followup.api.testing.TestApi;
import com.followup.api.testing.TestApp;
import com.followup.api.testing.TestMail;
import com.followup.core.testing.PostgresDatabaseExtension;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The demo agency loaded, as the demo command does, into the database of a running server. */
@ExtendWith(DropwizardExtensionsSupport.class)
class DemoDataTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = TestApp.migratedDatabase();

    static final DropwizardAppExtension<FollowupConfiguration> APP = TestApp.app(DATABASE);

    private static final String[] TABLES = {
        "users",
        "candidates",
        "recruiter_assignments",
        "companies",
        "contacts",
        "interviews",
        "timelines",
        "debriefs",
        "touches",
        "replies",
        "outcomes"
    };

    private static Jdbi jdbi;
    private static DemoData demo;
    private static DemoData.Result first;

    @BeforeAll
    static void loadTheDemo() {
        jdbi = Jdbi.create(DATABASE::connect);
        jdbi.installPlugin(new SqlObjectPlugin());
        jdbi.installPlugin(new PostgresPlugin());
        demo = new DemoData(new PasswordHasher());
        // The real clock, as the demo command uses: the variety below must hold whenever someone starts the demo.
        first = demo.loadIfEmpty(jdbi, Clock.systemUTC());
    }

    @Test
    void loadsIntoAnEmptyDatabaseOnlyOnce() {
        assertThat(first.status()).isEqualTo(DemoData.Status.LOADED);
        Map<String, Long> before = counts();
        assertThat(before).containsEntry("users", 14L).containsEntry("candidates", 10L);
        assertThat(before).containsEntry("companies", 5L).containsEntry("interviews", 20L);

        DemoData.Result again = demo.loadIfEmpty(jdbi, Clock.systemUTC());

        assertThat(again.status()).isEqualTo(DemoData.Status.KEPT_DEMO_DATA);
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void everyoneFollowupCouldMailIsOnAReservedDomain() {
        List<String> addresses = jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT email FROM users UNION ALL SELECT email FROM candidates WHERE email IS NOT NULL")
                .mapTo(String.class)
                .list());
        assertThat(addresses).hasSizeGreaterThanOrEqualTo(24).allMatch(TestMail::onReservedDomain);
        // Contacts are never mailed; still, only the one that shows the free-mail advice is on a real provider.
        List<String> contacts = jdbi.withHandle(
                handle -> handle.createQuery("SELECT business_email FROM contacts WHERE business_email IS NOT NULL"
                                + " UNION ALL SELECT address FROM touches WHERE channel = 'EMAIL'")
                        .mapTo(String.class)
                        .list());
        assertThat(contacts)
                .filteredOn(address -> !TestMail.onReservedDomain(address))
                .containsOnly("helen.carter.marlowe@gmail.com");
    }

    @Test
    void aDatabaseWithOtherUsersGetsNoDemo() {
        jdbi.useHandle(handle -> {
            handle.begin();
            handle.execute(
                    "UPDATE users SET email = 'someone@elsewhere.example' WHERE email = ?",
                    first.agency().staff().get(0).email());
            DemoData.Result result = demo.loadIfEmpty(handle, first.agency().loadedAt());
            assertThat(result.status()).isEqualTo(DemoData.Status.KEPT_OTHER_DATA);
            handle.rollback();
        });
    }

    @Test
    void everyCandidateHasALoginAndARecruiter() {
        List<Map<String, Object>> candidates = jdbi.withHandle(handle -> handle.createQuery(
                        """
                        SELECT c.name, u.role, count(a.recruiter_id) AS recruiters, min(r.role) AS recruiter_role
                          FROM candidates c
                          JOIN users u ON u.id = c.user_id
                          LEFT JOIN recruiter_assignments a ON a.candidate_id = c.id
                          LEFT JOIN users r ON r.id = a.recruiter_id
                         GROUP BY c.name, u.role
                        """)
                .mapToMap()
                .list());
        assertThat(candidates).hasSize(10).allSatisfy(candidate -> {
            assertThat(candidate).containsEntry("role", "CANDIDATE").containsEntry("recruiters", 1L);
            assertThat(candidate).containsEntry("recruiter_role", "RECRUITER");
        });
        List<String> zones = jdbi.withHandle(handle -> handle.createQuery("SELECT DISTINCT zone FROM candidates")
                .mapTo(String.class)
                .list());
        assertThat(zones).contains("Europe/London", "Europe/Berlin", "America/New_York");
    }

    @Test
    void everyDemoLoginWorks() {
        TestApi api = new TestApi("http://localhost:" + APP.getLocalPort(), APP.getObjectMapper());
        for (Login login : first.agency().logins()) {
            TestApi.Reply reply = api.post(
                    TestApi.ANONYMOUS, "/api/session", Map.of("email", login.email(), "password", login.password()));
            assertThat(reply.status()).as(login.email()).isEqualTo(200);
            assertThat(reply.json().get("user").get("role").asText())
                    .as(login.email())
                    .isEqualTo(login.role().name());
        }
    }

    @Test
    void atTheLoadInstantThePlansShowEveryStateAndTheUsualBreaches() {
        jdbi.useHandle(handle -> DemoVariety.assertShowsEverythingPromised(
                DemoVariety.plansAt(handle, first.agency().loadedAt())));
    }

    @Test
    void theReadmeListsTheDemoLogins() throws IOException {
        // Surefire runs in the module's directory; the README is at the repository's root.
        String readme = Files.readString(Path.of("..", "README.md"));
        for (Login login : first.agency().logins()) {
            assertThat(readme).as(login.email()).contains(login.email());
        }
        assertThat(readme)
                .contains(DemoAgency.ADMIN_PASSWORD, DemoAgency.RECRUITER_PASSWORD, DemoAgency.CANDIDATE_PASSWORD);
    }

    @Test
    void theBannerNamesThePortsAndEveryLogin() {
        String banner = DemoCommand.banner(first, new Addresses("localhost", 8080, "localhost", 8081));
        assertThat(banner)
                .contains(
                        "Portal:       http://localhost:8080/ ",
                        "http://localhost:8080/api/openapi.json",
                        "http://localhost:8081/healthcheck",
                        "http://localhost:8080/api/session",
                        "loaded now");
        for (Login login : first.agency().logins()) {
            assertThat(banner).contains(login.email(), login.password());
        }
        String other = DemoCommand.banner(
                new DemoData.Result(DemoData.Status.KEPT_OTHER_DATA, first.agency()),
                new Addresses("localhost", 1, "localhost", 2));
        assertThat(other).contains("NOT loaded").doesNotContain(DemoAgency.ADMIN_PASSWORD);
    }

    private static Map<String, Long> counts() {
        return jdbi.withHandle(handle -> {
            Map<String, Long> counts = new TreeMap<>();
            for (String table : TABLES) {
                counts.put(
                        table,
                        handle.createQuery("SELECT count(*) FROM " + table)
                                .mapTo(Long.class)
                                .one());
            }
            return counts;
        });
    }
}
