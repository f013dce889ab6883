package com.followup.api.problem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.followup.api.FollowupConfiguration;
import com.followup.api.auth.Role;
import com.followup.api.testing.TestApi;
import com.followup.api.testing.TestApp;
import com.followup.core.testing.PostgresDatabaseExtension;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each kind of input issue 14 found answering 500 or an HTML page, one by one (decision 0018): it now answers a 4xx
 * problem naming what is wrong, at whichever layer refuses it (Jackson, Jersey, the request filters, Jetty).
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class NoServerErrorFromInputTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = TestApp.migratedDatabase();

    /** A small limit, so the test of it sends little. */
    static final DropwizardAppExtension<FollowupConfiguration> APP =
            TestApp.app(DATABASE, ConfigOverride.config("requests.maxBodySize", "16KiB"));

    private static TestApi api;
    private static TestApi.Session admin;
    private static long interviewId;

    @BeforeAll
    static void setUp() {
        api = TestApp.api(APP);
        TestApp.user(DATABASE, "admin@agency.test", "Ada Admin", Role.ADMIN);
        long candidateUser = TestApp.user(DATABASE, "cara@example.test", "Cara Candidate", Role.CANDIDATE);
        admin = api.login("admin@agency.test", TestApp.PASSWORD);
        long candidateId = TestApp.created(api.post(
                admin,
                "/api/candidates",
                Map.of(
                        "name",
                        "Cara",
                        "email",
                        "cara@example.test",
                        "zone",
                        "Europe/London",
                        "userId",
                        candidateUser)));
        interviewId = TestApp.interviewWithOneInterviewer(
                        api, admin, candidateId, Instant.now().minus(1, ChronoUnit.DAYS))
                .interviewId();
    }

    @Test
    void aNulCharacterInABodyIsRefusedNamingTheField() {
        TestApi.Reply reply = api.post(admin, "/api/companies", "{\"name\":\"Acme\\u0000Corp\"}");

        assertProblem(reply, 400, "NUL_CHARACTER");
        assertThat(reply.json().at("/errors/0/field").asText()).isEqualTo("name");
        assertThat(reply.json().at("/errors/0/message").asText()).contains("NUL");
    }

    @Test
    void aNulCharacterInAQueryParameterIsRefusedNamingIt() {
        TestApi.Reply query = api.get(admin, "/api/companies?q=a%00b");
        assertProblem(query, 400, "NUL_CHARACTER");
        assertThat(query.json().at("/errors/0/field").asText()).isEqualTo("q");
    }

    @Test
    void aDateBeyondWhatTheDatabaseStoresIsRefusedNamingTheField() {
        TestApi.Reply reply = api.put(
                admin,
                "/api/interviews/" + interviewId + "/outcome",
                Map.of("kind", "OFFER", "at", "+999999999-01-01T00:00:00Z"));

        assertProblem(reply, 400, "DATE_OUT_OF_RANGE");
        assertThat(reply.json().at("/errors/0/field").asText()).isEqualTo("at");
    }

    /** A value of the wrong form is refused in words a person reads, with an example, not a Java type's name. */
    @Test
    void aBodyValueOfTheWrongFormSaysWhatItShouldBe() {
        TestApi.Reply date = malformedTouch(
                "{\"kind\":\"THANK_YOU\",\"channel\":\"EMAIL\",\"recipientId\":1,\"sentAt\":\"yesterday\"}");
        assertThat(date.json().at("/errors/0/field").asText()).isEqualTo("sentAt");
        assertThat(date.json().at("/errors/0/message").asText())
                .isEqualTo("has the wrong type or format: \"yesterday\" is not a date and time with its offset,"
                        + " such as 2026-12-01T14:30:00+01:00");

        TestApi.Reply kind = malformedTouch(
                "{\"kind\":\"THANKS\",\"channel\":\"EMAIL\",\"recipientId\":1,\"sentAt\":\"2026-12-01T10:00:00Z\"}");
        assertThat(kind.json().at("/errors/0/message").asText())
                .startsWith("has the wrong type or format: \"THANKS\" is not one of ")
                .contains("THANK_YOU")
                .doesNotContain("TouchKind");

        TestApi.Reply number = malformedTouch(
                "{\"kind\":\"THANK_YOU\",\"channel\":\"EMAIL\",\"recipientId\":\"Tom\",\"sentAt\":\"2026-12-01T10:00:00Z\"}");
        assertThat(number.json().at("/errors/0/message").asText()).endsWith("is not a whole number");
    }

    @Test
    void aQueryParameterOfTheWrongTypeIs400NamingIt() {
        TestApi.Reply reply = api.get(admin, "/api/companies?limit=abc");

        assertProblem(reply, 400, "INVALID_PARAMETER");
        assertThat(reply.json().at("/errors/0/field").asText()).isEqualTo("limit");
        // A path parameter of the wrong type names no resource.
        assertProblem(api.get(admin, "/api/interviews/abc"), 404, "NOT_FOUND");
    }

    @Test
    void aPlainBodyThatClaimsGzipIs400() {
        TestApi.Reply reply =
                api.postWithHeader(admin, "/api/companies", Map.of("name", "Gzip Ltd"), "Content-Encoding", "gzip");

        assertProblem(reply, 400, "MALFORMED_REQUEST");
        assertThat(reply.json().get("detail").asText()).contains("gzip");
    }

    @Test
    void aBodyOverTheLimitIs413WhetherItsLengthIsDeclaredOrNot() {
        String large = "{\"name\":\"" + "a".repeat(20_000) + "\"}";
        assertProblem(api.post(admin, "/api/companies", large), 413, "BODY_TOO_LARGE");

        String chunked = rawRequest("POST /api/companies HTTP/1.1\r\nHost: localhost\r\nCookie: " + admin.cookie()
                + "\r\nX-CSRF-Token: " + admin.csrfToken()
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + Integer.toHexString(large.length()) + "\r\n" + large + "\r\n0\r\n\r\n");
        assertThat(chunked)
                .startsWith("HTTP/1.1 413")
                .contains(Problem.MEDIA_TYPE)
                .contains("BODY_TOO_LARGE");
    }

    @Test
    void whatJettyRefusesBeforeJerseyIsAProblemToo() {
        // An encoded slash in the path: refused by Jetty's servlet layer, also for a PUT (no body by default).
        assertProblem(api.put(admin, "/api/users/a%2Fb", Map.of()), 400, "BAD_REQUEST");
        // A NUL character in the path, a path that is not valid percent-encoding, headers too large: refused by
        // Jetty's parser, which knows no path to tell the API from the portal.
        assertProblem(api.get(admin, "/api/users/%00"), 400, "BAD_REQUEST");
        assertThat(rawRequest("GET /api/% HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 400")
                .contains(Problem.MEDIA_TYPE);
        assertThat(rawRequest("GET /api/ping HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(20_000)
                        + "\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 431")
                .contains(Problem.MEDIA_TYPE)
                .contains("HEADERS_TOO_LARGE");
    }

    /** A touch body for Cara's interview that must be refused as malformed. */
    private static TestApi.Reply malformedTouch(String json) {
        TestApi.Reply reply = api.post(admin, "/api/interviews/" + interviewId + "/touches", json);
        assertProblem(reply, 400, "MALFORMED_REQUEST");
        return reply;
    }

    private static void assertProblem(TestApi.Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(status);
        assertThat(reply.header("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith(Problem.MEDIA_TYPE));
        JsonNode body = reply.json();
        assertThat(body.get("code").asText()).isEqualTo(code);
        assertThat(body.get("status").asInt()).isEqualTo(status);
    }

    /** What the JDK's client will not send (a malformed URI, a huge header): written to the socket as it is. */
    private static String rawRequest(String request) {
        try (Socket socket = new Socket("localhost", APP.getLocalPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    response.write(buffer, 0, read);
                }
            } catch (IOException closedWhileReading) {
                // Jetty may reset the connection after refusing the request; what it answered first is enough.
            }
            return response.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
