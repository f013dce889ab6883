package com.followup.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.followup.api.FollowupConfiguration;
import com.followup.api.testing.ClockedApplication;
import com.followup.api.testing.TestApi;
import com.followup.api.testing.TestApi.Reply;
import com.followup.api.testing.TestApp;
import com.followup.core.testing.PostgresDatabaseExtension;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The login's defences of issue 15 (decision 0024): throttle, login CSRF, safety headers, cookies, lifetimes. */
@ExtendWith(DropwizardExtensionsSupport.class)
class LoginSecurityTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = TestApp.migratedDatabase();

    static final DropwizardAppExtension<FollowupConfiguration> APP = TestApp.app(
            ClockedApplication.class,
            DATABASE,
            ConfigOverride.config("auth.maxFailedLogins", "5"),
            ConfigOverride.config("auth.firstLoginDelay", "1 second"),
            ConfigOverride.config("auth.secureCookies", "false"),
            ConfigOverride.config("auth.sessionIdleTimeout", "12 hours"),
            ConfigOverride.config("auth.sessionAbsoluteTimeout", "7 days"));

    private static TestApi api;

    @BeforeAll
    static void createUsers() {
        for (String who : List.of("race", "flood", "known", "csrf", "cookie", "lifetime", "idle", "audited")) {
            TestApp.user(DATABASE, who + "@agency.test", who, Role.RECRUITER);
        }
        api = TestApp.api(APP);
    }

    @Test
    void parallelGuessesAreCountedBeforeAnyPasswordIsChecked() throws Exception {
        // 30 guesses at once, the right password at #25: before, 29 were checked (29x401, 1x200).
        List<Integer> statuses =
                inParallel(30, i -> login("race@agency.test", i == 24 ? TestApp.PASSWORD : "guess " + i));
        Map<Integer, Long> counts = count(statuses);
        long checked = counts.getOrDefault(401, 0L) + counts.getOrDefault(200, 0L);
        assertThat(checked).as("passwords checked, of %s", counts).isLessThanOrEqualTo(5);
        assertThat(counts.getOrDefault(429, 0L)).as("%s", counts).isGreaterThanOrEqualTo(25);
    }

    @Test
    void fiftyParallelWrongGuessesAreMostlyRefusedWith429() throws Exception {
        List<Integer> statuses = inParallel(50, i -> login("flood@agency.test", "wrong " + i));
        Map<Integer, Long> counts = count(statuses);
        assertThat(counts.getOrDefault(429, 0L)).as("%s", counts).isGreaterThanOrEqualTo(45);
        // 503 SERVER_BUSY: a check that waited too long for a hashing slot on a busy machine.
        assertThat(counts.keySet()).as("%s", counts).isSubsetOf(401, 429, 503);

        Reply refused =
                api.post(TestApi.ANONYMOUS, "/api/session", Map.of("email", "flood@agency.test", "password", "again"));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.json().get("code").asText()).isEqualTo("TOO_MANY_LOGINS");
        assertThat(refused.header("Retry-After")).isPresent();
    }

    @Test
    void knownAndUnknownAddressesAnswerAlikeAndTheDelaysGrow() {
        List<String> known = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            known.add(answer(api.post(
                    TestApi.ANONYMOUS, "/api/session", Map.of("email", "known@agency.test", "password", "wrong"))));
            unknown.add(answer(api.post(
                    TestApi.ANONYMOUS, "/api/session", Map.of("email", "ghost@agency.test", "password", "wrong"))));
        }
        // Five free attempts, then a wait of one second (the clock stands still here), the right password included.
        assertThat(known)
                .containsExactly(
                        "401 -", "401 -", "401 -", "401 -", "401 -", "429 Retry-After: 1", "429 Retry-After: 1");
        assertThat(unknown).isEqualTo(known);
        assertThat(answer(api.post(
                        TestApi.ANONYMOUS,
                        "/api/session",
                        Map.of("email", "known@agency.test", "password", TestApp.PASSWORD))))
                .isEqualTo("429 Retry-After: 1");

        // After the wait one more attempt; the next wait is twice as long.
        ClockedApplication.CLOCK.advance(Duration.ofSeconds(1));
        assertThat(answer(api.post(
                        TestApi.ANONYMOUS, "/api/session", Map.of("email", "known@agency.test", "password", "wrong"))))
                .isEqualTo("401 -");
        assertThat(answer(api.post(
                        TestApi.ANONYMOUS,
                        "/api/session",
                        Map.of("email", "known@agency.test", "password", TestApp.PASSWORD))))
                .isEqualTo("429 Retry-After: 2");

        // The address is counted as it is looked up, case and spaces aside; the right password after the wait logs
        // in and forgets the failures.
        ClockedApplication.CLOCK.advance(Duration.ofSeconds(2));
        assertThat(answer(api.post(
                        TestApi.ANONYMOUS,
                        "/api/session",
                        Map.of("email", "  KNOWN@Agency.test ", "password", "wrong"))))
                .isEqualTo("401 -");
        assertThat(answer(api.post(
                        TestApi.ANONYMOUS,
                        "/api/session",
                        Map.of("email", "known@agency.test", "password", TestApp.PASSWORD))))
                .isEqualTo("429 Retry-After: 4");
        ClockedApplication.CLOCK.advance(Duration.ofSeconds(4));
        assertThat(api.login("known@agency.test", TestApp.PASSWORD)).isNotNull();
        for (int i = 0; i < 4; i++) {
            assertThat(api.post(
                                    TestApi.ANONYMOUS,
                                    "/api/session",
                                    Map.of("email", "known@agency.test", "password", "wrong"))
                            .status())
                    .isEqualTo(401);
        }
    }

    @Test
    void aLoginPostedFromAnotherSiteIsRefused() {
        Map<String, String> credentials = Map.of("email", "csrf@agency.test", "password", TestApp.PASSWORD);
        for (String[] header :
                List.of(new String[] {"Origin", "https://evil.example"}, new String[] {"Origin", "null"}, new String[] {
                    "Referer", "https://evil.example/trap.html"
                })) {
            Reply refused = api.postWithHeader(TestApi.ANONYMOUS, "/api/session", credentials, header[0], header[1]);
            assertThat(refused.status()).as("%s: %s", header[0], header[1]).isEqualTo(403);
            assertThat(refused.json().get("code").asText()).isEqualTo("CROSS_SITE_LOGIN");
            assertThat(refused.header("Set-Cookie")).isEmpty();
        }

        String self = "http://localhost:" + APP.getLocalPort();
        assertThat(api.postWithHeader(TestApi.ANONYMOUS, "/api/session", credentials, "Origin", self)
                        .status())
                .isEqualTo(200);
        assertThat(api.postWithHeader(TestApi.ANONYMOUS, "/api/session", credentials, "Referer", self + "/login")
                        .status())
                .isEqualTo(200);
        // The configured address (notifications.portalBaseUrl), as a browser behind a proxy would send it.
        assertThat(api.postWithHeader(TestApi.ANONYMOUS, "/api/session", credentials, "Origin", "http://localhost:8080")
                        .status())
                .isEqualTo(200);
        // No Origin and no Referer: not a browser page, so not forgeable this way (an integration's login).
        assertThat(api.post(TestApi.ANONYMOUS, "/api/session", credentials).status())
                .isEqualTo(200);
    }

    @Test
    void everyAnswerCarriesTheSafetyHeaders() {
        TestApi.Session session = api.login("csrf@agency.test", TestApp.PASSWORD);
        for (Reply reply : List.of(
                api.get(TestApi.ANONYMOUS, "/api/ping"),
                api.get(TestApi.ANONYMOUS, "/api/session"),
                api.get(session, "/api/session"),
                api.get(session, "/api/dashboard"),
                api.get(TestApi.ANONYMOUS, "/api/no-such-thing"))) {
            String what = reply.raw().request().uri() + " " + reply.status();
            assertThat(reply.header("Content-Security-Policy")).as(what).hasValueSatisfying(csp -> assertThat(csp)
                    .contains("frame-ancestors 'none'", "script-src 'self'")
                    .doesNotContain("unsafe-inline"));
            assertThat(reply.header("X-Content-Type-Options")).as(what).hasValue("nosniff");
            assertThat(reply.header("Referrer-Policy")).as(what).hasValue("same-origin");
            assertThat(reply.header("Cache-Control")).as(what).hasValue("no-store");
        }
    }

    @Test
    void theCookieFollowsAForwardedProtoOnlyFromATrustedProxy() {
        Reply plain = api.post(
                TestApi.ANONYMOUS, "/api/session", Map.of("email", "cookie@agency.test", "password", TestApp.PASSWORD));
        assertThat(plain.header("Set-Cookie").orElseThrow()).doesNotContainIgnoringCase("Secure");
        // This server's connector does not trust forwarded headers, so a client cannot claim TLS.
        Reply claimed = api.postWithHeader(
                TestApi.ANONYMOUS,
                "/api/session",
                Map.of("email", "cookie@agency.test", "password", TestApp.PASSWORD),
                "X-Forwarded-Proto",
                "https");
        assertThat(claimed.header("Set-Cookie").orElseThrow()).doesNotContainIgnoringCase("Secure");
    }

    @Test
    void aSessionEndsAfterItsAbsoluteLifetimeHoweverActive() {
        TestApi.Session active = api.login("lifetime@agency.test", TestApp.PASSWORD);
        for (int hours = 11; hours <= 165; hours += 11) {
            ClockedApplication.CLOCK.advance(Duration.ofHours(11));
            assertThat(api.get(active, "/api/session").status())
                    .as("%s hours after the login", hours)
                    .isEqualTo(200);
        }
        ClockedApplication.CLOCK.advance(Duration.ofHours(4));
        assertThat(api.get(active, "/api/session").status())
                .as("169 hours after the login")
                .isEqualTo(401);

        TestApi.Session idle = api.login("idle@agency.test", TestApp.PASSWORD);
        ClockedApplication.CLOCK.advance(Duration.ofHours(12).plusMinutes(1));
        assertThat(api.get(idle, "/api/session").status()).isEqualTo(401);
    }

    @Test
    void loginsAndWrongPasswordsAreAudited() {
        long id = TestApp.jdbi(DATABASE)
                .withHandle(handle -> handle.createQuery("SELECT id FROM users WHERE email = 'audited@agency.test'")
                        .mapTo(Long.class)
                        .one());
        api.post(TestApi.ANONYMOUS, "/api/session", Map.of("email", "audited@agency.test", "password", "wrong"));
        api.login("audited@agency.test", TestApp.PASSWORD);
        api.post(TestApi.ANONYMOUS, "/api/session", Map.of("email", "nobody@agency.test", "password", "wrong"));

        List<String> entries = TestApp.jdbi(DATABASE).withHandle(handle -> handle.createQuery(
                        """
                        SELECT action || ' by ' || COALESCE(CAST(actor_user_id AS text), 'unknown') FROM audit_log
                         WHERE entity_type = 'login' AND entity_id = :id ORDER BY id
                        """)
                .bind("id", String.valueOf(id))
                .mapTo(String.class)
                .list());
        assertThat(entries).containsExactly("login.failed by unknown", "login.succeeded by " + id);
    }

    private static String answer(Reply reply) {
        return reply.status() + " "
                + reply.header("Retry-After")
                        .map(value -> "Retry-After: " + value)
                        .orElse("-");
    }

    private static int login(String email, String password) {
        try {
            HttpRequest request = HttpRequest.newBuilder(
                            URI.create("http://localhost:" + APP.getLocalPort() + "/api/session"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            APP.getObjectMapper().writeValueAsString(Map.of("email", email, "password", password))))
                    .build();
            return CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private static List<Integer> inParallel(int count, Function<Integer, Integer> call) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(count);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                calls.add(() -> call.apply(index));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> future : threads.invokeAll(calls)) {
                statuses.add(future.get());
            }
            return statuses;
        } finally {
            threads.shutdownNow();
        }
    }

    private static Map<Integer, Long> count(List<Integer> statuses) {
        return statuses.stream().collect(Collectors.groupingBy(status -> status, Collectors.counting()));
    }
}
