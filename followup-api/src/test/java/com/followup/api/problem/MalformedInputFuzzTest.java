package com.followup.api.problem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.followup.api.FollowupConfiguration;
import com.followup.api.auth.Role;
import com.followup.api.testing.Fuzzer;
import com.followup.api.testing.TestApi;
import com.followup.api.testing.TestApp;
import com.followup.core.testing.PostgresDatabaseExtension;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 14, "no 500 from input" (decision 0018): thousands of malformed requests over every GET, POST, PUT and PATCH
 * operation of the server's own OpenAPI document, as an admin and as a candidate, against the real server on its
 * database. No answer may be a 5xx, every 4xx is problem details, and afterwards every interview still evaluates and
 * the dashboard answers. The seed is printed; {@code -Dfuzz.seed=N} replays a run, {@code -Dfuzz.rounds=N} makes it
 * longer.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class MalformedInputFuzzTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = TestApp.migratedDatabase();

    static final DropwizardAppExtension<FollowupConfiguration> APP = TestApp.app(DATABASE);

    @Test
    void malformedInputNeverAnswers5xxAndEveryClientErrorIsAProblem() {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        int rounds = Integer.getInteger("fuzz.rounds", 25);
        System.out.println("MalformedInputFuzzTest: seed " + seed + " (replay with -Dfuzz.seed=" + seed + ")");

        TestApi api = TestApp.api(APP);
        TestApp.user(DATABASE, "admin@agency.test", "Ada Admin", Role.ADMIN);
        long candidateUser = TestApp.user(DATABASE, "cara@example.test", "Cara Candidate", Role.CANDIDATE);
        TestApi.Session admin = api.login("admin@agency.test", TestApp.PASSWORD);
        long candidateId = TestApp.created(api.post(
                admin,
                "/api/candidates",
                Map.of(
                        "name",
                        "Cara Candidate",
                        "email",
                        "cara@example.test",
                        "zone",
                        "Europe/London",
                        "userId",
                        candidateUser)));
        TestApp.Interview interview = TestApp.interviewWithOneInterviewer(
                api, admin, candidateId, Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES));
        TestApi.Session candidate = api.login("cara@example.test", TestApp.PASSWORD);

        JsonNode openApi = api.get(TestApi.ANONYMOUS, "/api/openapi.json").json();
        Fuzzer fuzzer = new Fuzzer(
                "http://localhost:" + APP.getLocalPort(),
                openApi,
                APP.getObjectMapper(),
                seed,
                List.of(1L, 2L, candidateId, interview.companyId(), interview.contactId(), interview.interviewId()));
        List<Fuzzer.Exchange> exchanges =
                fuzzer.run(List.of(caller("admin", admin), caller("candidate", candidate)), rounds);

        List<String> failures = new ArrayList<>();
        for (Fuzzer.Exchange exchange : exchanges) {
            if (exchange.status() >= 500) {
                failures.add(exchange.status() + " as " + exchange.caller() + ": " + exchange.description() + " -> "
                        + abbreviate(exchange.body()));
            } else if (exchange.status() >= 400 && !exchange.contentType().startsWith(Problem.MEDIA_TYPE)) {
                failures.add(exchange.status() + " " + exchange.contentType() + " (not problem details) as "
                        + exchange.caller() + ": " + exchange.description());
            }
        }
        Map<Integer, Long> statuses = exchanges.stream()
                .collect(Collectors.groupingBy(Fuzzer.Exchange::status, java.util.TreeMap::new, Collectors.counting()));
        Map<String, Long> slowest = exchanges.stream()
                .collect(Collectors.groupingBy(
                        Fuzzer.Exchange::operation, Collectors.summingLong(Fuzzer.Exchange::millis)))
                .entrySet()
                .stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(5)
                .collect(Collectors.toMap(
                        Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, java.util.LinkedHashMap::new));
        System.out.println("MalformedInputFuzzTest: " + exchanges.size() + " requests over "
                + fuzzer.operations().size() + " operations in "
                + exchanges.stream().mapToLong(Fuzzer.Exchange::millis).sum() + " ms, statuses " + statuses
                + ", slowest operations (ms in all) " + slowest);

        assertThat(exchanges).hasSizeGreaterThan(2000);
        assertThat(failures.subList(0, Math.min(failures.size(), 60)))
                .as(
                        "%d answers to malformed input (the first shown) with seed %d (replay with -Dfuzz.seed=%d)",
                        failures.size(), seed, seed)
                .isEmpty();

        // Nothing the fuzzer managed to store breaks a read: every interview evaluates, the dashboard answers.
        List<Long> interviews = TestApp.jdbi(DATABASE)
                .withHandle(handle -> handle.createQuery("SELECT id FROM interviews ORDER BY id")
                        .mapTo(Long.class)
                        .list());
        assertThat(interviews).isNotEmpty();
        for (long id : interviews) {
            TestApi.Reply plan = api.get(admin, "/api/interviews/" + id + "/plan");
            assertThat(plan.status())
                    .as(
                            "plan of interview %d after the fuzzer (seed %d): %s",
                            id, seed, plan.raw().body())
                    .isEqualTo(200);
        }
        TestApi.Reply dashboard = api.get(admin, "/api/dashboard");
        assertThat(dashboard.status())
                .as(
                        "the dashboard after the fuzzer (seed %d): %s",
                        seed, dashboard.raw().body())
                .isEqualTo(200);
        assertThat(api.get(candidate, "/api/interviews").status()).isIn(200, 401);
    }

    private static Fuzzer.Caller caller(String name, TestApi.Session session) {
        return new Fuzzer.Caller(
                name,
                Map.of(
                        "Cookie", session.cookie(),
                        "X-CSRF-Token", session.csrfToken(),
                        "Accept", "application/json"));
    }

    private static String abbreviate(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }
}
