package com.followup.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.followup.api.FollowupConfiguration;
import com.followup.api.problem.Problem;
import com.followup.api.testing.Fuzzer;
import com.followup.api.testing.TestApi;
import com.followup.api.testing.TestApp;
import com.followup.core.testing.PostgresDatabaseExtension;
import com.followup.web.testing.PortalApp;
import com.followup.web.testing.PortalApp.Cast;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 14, "no 500 from input", on the whole server (decision 0018): a page's form POST without a body shows the form's
 * errors, a {@code next} with a tab or CRLF falls back to the home page, and malformed requests over every operation of
 * the OpenAPI document (API, portal, reports) never answer 5xx; the API's client errors are problem details, the
 * portal's stay HTML pages.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class PortalMalformedInputTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = TestApp.migratedDatabase();

    static final DropwizardAppExtension<FollowupConfiguration> APP = PortalApp.app(DATABASE);

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Cast cast;
    private static long interviewId;

    @BeforeAll
    static void setUp() {
        cast = Cast.create(DATABASE, APP);
        interviewId = cast.interview(
                Cast.CARA,
                "Northwind",
                OffsetDateTime.now(ZoneOffset.UTC).minusDays(1).truncatedTo(ChronoUnit.MINUTES),
                "Hannah Hiring");
    }

    @Test
    void anAnonymousLoginWithoutABodyShowsTheFormsErrors() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(page("/login"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(response.body()).contains("Enter your email.");
    }

    @Test
    void aPageFormPostedWithoutABodyShowsAPageNotA500() throws Exception {
        TestApi.Session admin = cast.admin();
        for (String path : List.of("/interviews/" + interviewId + "/touches", "/admin/users", "/admin/policy")) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(page(path))
                    .header("Cookie", admin.cookie())
                    .header("X-CSRF-Token", admin.csrfToken())
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build());

            assertThat(response.statusCode()).as(path).isBetween(200, 499);
            assertThat(response.headers().firstValue("Content-Type"))
                    .as(path)
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        }
    }

    @Test
    void aNextWithATabOrALineBreakFallsBackToTheHomePage() throws Exception {
        for (String next : List.of("/a%09b", "/a%0d%0aSet-Cookie:%20x=y", "/%0a", "/ok%20space")) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(page("/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("email=" + Cast.ADMIN + "&password="
                            + TestApp.PASSWORD.replace(' ', '+') + "&next=" + next))
                    .build());

            assertThat(response.statusCode()).as(next).isEqualTo(303);
            assertThat(response.headers().firstValue("Location")).as(next).hasValue("/");
        }
        HttpResponse<String> safe = send(HttpRequest.newBuilder(page("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "email=" + Cast.ADMIN + "&password=" + TestApp.PASSWORD.replace(' ', '+') + "&next=/dashboard"))
                .build());
        assertThat(safe.headers().firstValue("Location")).hasValue("/dashboard");
    }

    @Test
    void malformedInputOverEveryOperationNeverAnswers5xx() {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        System.out.println("PortalMalformedInputTest: seed " + seed + " (replay with -Dfuzz.seed=" + seed + ")");
        TestApi api = cast.api();
        JsonNode openApi = api.get(TestApi.ANONYMOUS, "/api/openapi.json").json();
        TestApi.Session candidate = api.login(Cast.CARA, TestApp.PASSWORD);
        Fuzzer fuzzer = new Fuzzer(
                PortalApp.base(APP),
                openApi,
                APP.getObjectMapper(),
                seed,
                List.of(1L, 2L, cast.caraId(), cast.recruiterId(), interviewId));

        TestApi.Session admin = api.login(Cast.ADMIN, TestApp.PASSWORD);
        List<Fuzzer.Exchange> exchanges = fuzzer.run(
                List.of(caller("admin", admin), caller("candidate", candidate)),
                Integer.getInteger("fuzz.rounds", 6),
                java.util.Set.of("POST /logout"));

        List<String> failures = new ArrayList<>();
        for (Fuzzer.Exchange exchange : exchanges) {
            boolean isApi = exchange.operation().contains(" /api/");
            boolean problem = exchange.contentType().startsWith(Problem.MEDIA_TYPE);
            boolean html = exchange.contentType().startsWith("text/html");
            // Jetty's parser refuses some paths (a NUL) before it knows them: those answer problem details anywhere.
            boolean jettyRefusal =
                    exchange.status() == 400 && problem && exchange.body().contains("\"BAD_REQUEST\"");
            if (exchange.status() >= 500) {
                failures.add(exchange.status() + " as " + exchange.caller() + ": " + exchange.description());
            } else if (exchange.status() >= 400 && isApi && !problem) {
                failures.add(exchange.status() + " " + exchange.contentType() + " from the API as " + exchange.caller()
                        + ": " + exchange.description());
            } else if (exchange.status() >= 400 && !isApi && !html && !jettyRefusal) {
                failures.add(exchange.status() + " " + exchange.contentType() + " from a page as " + exchange.caller()
                        + ": " + exchange.description());
            }
        }
        assertThat(exchanges).hasSizeGreaterThan(500);
        assertThat(failures.subList(0, Math.min(failures.size(), 60)))
                .as("%d answers to malformed input (the first shown), seed %d", failures.size(), seed)
                .isEmpty();
        TestApi.Session afterwards = api.login(Cast.ADMIN, TestApp.PASSWORD);
        assertThat(api.get(afterwards, "/api/dashboard").status()).isEqualTo(200);
        assertThat(api.get(afterwards, "/api/interviews/" + interviewId + "/plan")
                        .status())
                .isEqualTo(200);
    }

    private static Fuzzer.Caller caller(String name, TestApi.Session session) {
        return new Fuzzer.Caller(
                name, Map.of("Cookie", session.cookie(), "X-CSRF-Token", session.csrfToken(), "Accept", "*/*"));
    }

    private static URI page(String path) {
        return URI.create(PortalApp.base(APP) + path);
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
