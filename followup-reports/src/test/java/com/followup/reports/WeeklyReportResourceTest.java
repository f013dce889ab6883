package com.followup.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.followup.api.FollowupConfiguration;
import com.followup.api.auth.Role;
import com.followup.api.testing.TestApi;
import com.followup.api.testing.TestApi.Caller;
import com.followup.api.testing.TestApp;
import com.followup.core.testing.PostgresDatabaseExtension;
import com.followup.reports.testing.ReportsTestApplication;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The report routes for every kind of caller, and the archive's byte-for-byte downloads. */
@ExtendWith(DropwizardExtensionsSupport.class)
class WeeklyReportResourceTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = TestApp.migratedDatabase();

    static final DropwizardAppExtension<FollowupConfiguration> APP = new DropwizardAppExtension<>(
            ReportsTestApplication.class,
            ResourceHelpers.resourceFilePath("reports-test.yml"),
            ConfigOverride.config("database.url", () -> DATABASE.jdbcUrl()),
            ConfigOverride.config(
                    "database.user", () -> DATABASE.database().userName().orElse("")),
            ConfigOverride.config(
                    "database.password",
                    () -> DATABASE.database().userPassword().orElse("")));

    private static final String WEEK = "/api/reports/weekly?week=2026-W47";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static TestApi api;
    private static Caller admin;
    private static Caller recruiter;
    private static Caller otherRecruiter;
    private static Caller candidate;
    private static long recruiterId;
    private static long otherRecruiterId;

    @BeforeAll
    static void setUp() {
        api = new TestApi("http://localhost:" + APP.getLocalPort(), APP.getObjectMapper());
        TestApp.user(DATABASE, "admin@agency.test", "Ada Admin", Role.ADMIN);
        recruiterId = TestApp.user(DATABASE, "rita@agency.test", "Rita Recruiter", Role.RECRUITER);
        otherRecruiterId = TestApp.user(DATABASE, "otto@agency.test", "Otto Other", Role.RECRUITER);
        TestApp.user(DATABASE, "cara@example.test", "Cara Candidate", Role.CANDIDATE);
        admin = api.login("admin@agency.test", TestApp.PASSWORD);
        recruiter = api.login("rita@agency.test", TestApp.PASSWORD);
        otherRecruiter = api.login("otto@agency.test", TestApp.PASSWORD);
        candidate = api.login("cara@example.test", TestApp.PASSWORD);
    }

    @Test
    void downloadingAWeekPerRole() throws Exception {
        assertThat(status(TestApi.ANONYMOUS, WEEK + "&format=csv")).isEqualTo(401);
        assertThat(status(candidate, WEEK + "&format=csv")).isEqualTo(403);
        assertThat(status(recruiter, WEEK + "&format=csv&scope=agency")).isEqualTo(403);
        assertThat(status(recruiter, WEEK + "&format=csv&recruiterId=" + otherRecruiterId))
                .isEqualTo(403);
        HttpResponse<byte[]> own = send(recruiter, WEEK + "&format=csv");
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        // A recruiter's report is their own scope, whatever they asked.
        assertThat(own.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(disposition ->
                        assertThat(disposition).contains("followup-2026-W47-recruiter-" + recruiterId + "-v1.csv"));
        assertThat(status(admin, WEEK + "&format=csv&scope=agency")).isEqualTo(200);
        assertThat(status(admin, WEEK + "&format=pdf&recruiterId=" + recruiterId))
                .isEqualTo(200);
        TestApi.Reply badWeek = api.get(admin, "/api/reports/weekly?week=2026-47&format=csv");
        assertThat(badWeek.status()).isEqualTo(400);
        assertThat(badWeek.json().get("code").asText()).isEqualTo("INVALID_WEEK");
        // A week whose eight-week trend would begin before 1970 is refused, not a 500.
        TestApi.Reply tooEarly = api.get(admin, "/api/reports/weekly?week=1970-W03&format=csv");
        assertThat(tooEarly.status()).isEqualTo(400);
        assertThat(tooEarly.json().get("code").asText()).isEqualTo("INVALID_WEEK");
        assertThat(status(admin, "/api/reports/weekly?week=" + WeeklyParameters.EARLIEST_WEEK + "&format=csv"))
                .isEqualTo(200);
        assertThat(status(admin, "/api/reports/weekly?week=2026-W47&format=doc"))
                .isEqualTo(400);
    }

    @Test
    void producingAndListingPerRole() throws Exception {
        assertThat(api.post(TestApi.ANONYMOUS, WEEK, null).status()).isEqualTo(401);
        assertThat(api.post(candidate, WEEK, null).status()).isEqualTo(403);
        assertThat(api.post(recruiter, WEEK + "&scope=agency", null).status()).isEqualTo(403);
        TestApi.Reply produced = api.post(recruiter, WEEK, null);
        assertThat(produced.status()).isEqualTo(201);
        assertThat(produced.json().get("scope").asText()).isEqualTo("recruiter:" + recruiterId);

        assertThat(api.get(TestApi.ANONYMOUS, "/api/reports/archive").status()).isEqualTo(401);
        assertThat(api.get(candidate, "/api/reports/archive").status()).isEqualTo(403);
        TestApi.Reply mine = api.get(recruiter, "/api/reports/archive");
        assertThat(mine.status()).isEqualTo(200);
        mine.json().get("items").forEach(item -> assertThat(item.get("scope").asText())
                .isEqualTo("recruiter:" + recruiterId));
        TestApi.Reply theirs = api.get(otherRecruiter, "/api/reports/archive");
        assertThat(theirs.json().get("total").asLong()).isZero();
        assertThat(api.get(admin, "/api/reports/archive?limit=1")
                        .json()
                        .get("items")
                        .size())
                .isEqualTo(1);

        long id = produced.json().get("id").asLong();
        String file = "/api/reports/archive/" + id + "/file?format=pdf";
        assertThat(status(TestApi.ANONYMOUS, file)).isEqualTo(401);
        assertThat(status(candidate, file)).isEqualTo(403);
        assertThat(status(otherRecruiter, file)).isEqualTo(404);
        assertThat(status(recruiter, file)).isEqualTo(200);
        assertThat(status(admin, file)).isEqualTo(200);
        assertThat(status(admin, "/api/reports/archive/999999/file")).isEqualTo(404);
    }

    @Test
    void aProducedReportWritesItsWebhookEvent() throws Exception {
        TestApi.Reply endpoint = api.post(
                admin,
                "/api/webhooks/endpoints",
                java.util.Map.of("url", "http://127.0.0.1:9/hook", "events", java.util.List.of("report.produced")));
        assertThat(endpoint.status()).isEqualTo(201);
        TestApi.Reply produced = api.post(admin, "/api/reports/weekly?week=2026-W30&scope=agency", null);
        assertThat(produced.status()).isEqualTo(201);

        String body = TestApp.jdbi(DATABASE).withHandle(handle -> handle.createQuery(
                        "SELECT body FROM webhook_events WHERE type = 'report.produced' ORDER BY created_at DESC"
                                + " LIMIT 1")
                .mapTo(String.class)
                .one());
        com.fasterxml.jackson.databind.JsonNode data =
                APP.getObjectMapper().readTree(body).get("data");
        assertThat(data.get("reportId").asLong())
                .isEqualTo(produced.json().get("id").asLong());
        assertThat(data.get("week").asText()).isEqualTo("2026-W30");
        assertThat(data.get("scope").asText()).isEqualTo("agency");
        assertThat(data.get("formats").toString()).contains("PDF", "CSV");
    }

    @Test
    void anArchivedWeekDownloadsByteForByteAfterTheDataChangedAndAgainMakesANewVersion() throws Exception {
        TestApi.Reply first = api.post(admin, "/api/reports/weekly?week=2026-W40&scope=agency", null);
        long id = first.json().get("id").asLong();
        int version = first.json().get("version").asInt();
        byte[] before = bytes(admin, "/api/reports/archive/" + id + "/file?format=csv");

        // The data changes: a company and an interview in that week appear, in one transaction (the database refuses
        // an interview that has no interviewer at commit, changeset 0015).
        TestApp.jdbi(DATABASE).useTransaction(handle -> {
            long company = handle.select("INSERT INTO companies (name) VALUES ('Late Corp') RETURNING id")
                    .mapTo(Long.class)
                    .one();
            long contact = handle.select(
                            "INSERT INTO contacts (company_id, name, role) VALUES (?, 'Lee', 'INTERVIEWER')"
                                    + " RETURNING id",
                            company)
                    .mapTo(Long.class)
                    .one();
            long person = handle.select("INSERT INTO candidates (name, email, zone) VALUES ('Lou', 'lou@example.test',"
                            + " 'Europe/London') RETURNING id")
                    .mapTo(Long.class)
                    .one();
            long interview = handle.select(
                            "INSERT INTO interviews (candidate_id, company_id, role, starts_at, ends_at,"
                                    + " format) VALUES (?, ?, 'Analyst', '2026-09-29T09:00:00Z',"
                                    + " '2026-09-29T10:00:00Z', 'PHONE') RETURNING id",
                            person,
                            company)
                    .mapTo(Long.class)
                    .one();
            handle.execute(
                    "INSERT INTO interview_interviewers (interview_id, contact_id, position) VALUES (?, ?, 0)",
                    interview,
                    contact);
        });

        byte[] after = bytes(admin, "/api/reports/archive/" + id + "/file?format=csv");
        assertThat(after).isEqualTo(before);
        assertThat(ReportArchive.sha256(after))
                .isEqualTo(first.json().get("files").get(1).get("sha256").asText());
        // The GET of the week serves the newest archived version, still the same bytes.
        assertThat(bytes(admin, "/api/reports/weekly?week=2026-W40&format=csv&scope=agency"))
                .isEqualTo(before);

        TestApi.Reply again = api.post(admin, "/api/reports/weekly?week=2026-W40&scope=agency", null);
        assertThat(again.json().get("version").asInt()).isEqualTo(version + 1);
        byte[] newer =
                bytes(admin, "/api/reports/archive/" + again.json().get("id").asLong() + "/file?format=csv");
        assertThat(new String(newer, java.nio.charset.StandardCharsets.UTF_8)).contains("Late Corp");
        assertThat(bytes(admin, "/api/reports/archive/" + id + "/file?format=csv"))
                .isEqualTo(before);

        // The tidy tables of the old version are cut from its archived CSV: same bytes before and after the change,
        // and without the company that appeared since.
        byte[] zip = bytes(admin, "/api/reports/archive/" + id + "/file?format=zip");
        assertThat(zip).isEqualTo(TidyCsvReport.zip(before));
        assertThat(new String(TidyCsvReport.zip(newer), java.nio.charset.StandardCharsets.UTF_8))
                .contains("companies.csv");
        HttpResponse<byte[]> weekZip = send(admin, "/api/reports/weekly?week=2026-W40&format=zip&scope=agency");
        assertThat(weekZip.statusCode()).isEqualTo(200);
        assertThat(weekZip.headers().firstValue("Content-Type")).hasValue("application/zip");
        assertThat(weekZip.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(disposition ->
                        assertThat(disposition).contains("followup-2026-W40-agency-v" + (version + 1) + "-tables.zip"));
        assertThat(weekZip.body()).isEqualTo(TidyCsvReport.zip(newer));
        TestApi.Reply badFormat = api.get(admin, "/api/reports/weekly?week=2026-W40&format=xlsx");
        assertThat(badFormat.status()).isEqualTo(400);
        assertThat(badFormat.json().get("code").asText()).isEqualTo("INVALID_FORMAT");
        assertThat(badFormat.json().toString()).contains("pdf, csv or zip");
        // The contract names the three media types of the download.
        TestApi.Reply contract = api.get(TestApi.ANONYMOUS, "/api/openapi.json");
        assertThat(contract.json()
                        .at("/paths/~1api~1reports~1weekly/get/responses/200/content")
                        .fieldNames())
                .toIterable()
                .contains("application/pdf", "text/csv", "application/zip");
    }

    private static int status(Caller caller, String path) throws Exception {
        return send(caller, path).statusCode();
    }

    private static HttpResponse<byte[]> send(Caller caller, String path) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://localhost:" + APP.getLocalPort() + path));
        if (caller instanceof TestApi.Session session) {
            request.header("Cookie", session.cookie());
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] bytes(Caller caller, String path) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://localhost:" + APP.getLocalPort() + path));
        if (caller instanceof TestApi.Session session) {
            request.header("Cookie", session.cookie());
        }
        HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Content-SHA256"))
                .isEqualTo(Optional.of(ReportArchive.sha256(response.body())));
        return response.body();
    }
}
