package com.followup.api.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.followup.api.FollowupConfiguration;
import com.followup.api.auth.Role;
import com.followup.api.testing.TestApi;
import com.followup.api.testing.TestApi.Reply;
import com.followup.api.testing.TestApp;
import com.followup.core.testing.PostgresDatabaseExtension;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** CSV imports through the API: templates, the three modes, bad rows with their lines, reruns, async progress. */
@ExtendWith(DropwizardExtensionsSupport.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CsvImportTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = TestApp.migratedDatabase();

    static final DropwizardAppExtension<FollowupConfiguration> APP = TestApp.app(DATABASE);

    private static TestApi api;
    private static TestApi.Session admin;
    private static Jdbi jdbi;

    @BeforeAll
    static void setUp() {
        api = TestApp.api(APP);
        TestApp.user(DATABASE, "admin@agency.test", "Ada Admin", Role.ADMIN);
        TestApp.user(DATABASE, "recruiter@agency.example", "Rita Recruiter", Role.RECRUITER);
        admin = api.login("admin@agency.test", TestApp.PASSWORD);
        jdbi = TestApp.jdbi(DATABASE);
    }

    @Test
    @Order(1)
    void theTemplatesImportAsTheyAreInDependencyOrder() {
        for (String kind : List.of("companies", "contacts", "candidates", "interviews")) {
            Reply template = api.getText(admin, "/api/admin/import/" + kind + "/template");
            assertThat(template.status()).isEqualTo(200);
            assertThat(template.header("Content-Type").orElseThrow()).startsWith("text/csv");
            JsonNode report = report(api.postCsv(
                    admin,
                    "/api/admin/import/" + kind + "?mode=all-or-nothing",
                    template.raw().body()));
            assertThat(report.get("errors")).as(kind + ": " + report).isEmpty();
            assertThat(report.get("inserted").asLong()).as(kind).isEqualTo(1);
            assertThat(report.get("written").asBoolean()).isTrue();
        }
        assertThat(count("SELECT count(*) FROM interview_interviewers")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM recruiter_assignments")).isEqualTo(1);
    }

    @Test
    @Order(2)
    void aDryRunReportsEveryBadRowWithItsLineAndColumnAndWritesNothing() {
        String csv =
                """
                name,email,zone,recruiter_email
                Nora New,nora@example.com,Europe/Rome,
                "Quoted, with a comma",quoted@example.com,Europe/Paris,recruiter@agency.example
                ,missing-name@example.com,Europe/London,
                Bad Zone,bad.zone@example.com,Mars/Olympus,
                "Two
                lines",two.lines@example.com,Nowhere,
                Unknown Recruiter,unknown@example.com,Europe/London,nobody@agency.example
                """;
        JsonNode report = report(api.postCsv(admin, "/api/admin/import/candidates?mode=dry-run", csv));
        assertThat(report.get("rowsRead").asLong()).isEqualTo(6);
        assertThat(report.get("valid").asLong()).isEqualTo(2);
        assertThat(report.get("invalid").asLong()).isEqualTo(4);
        assertThat(report.get("inserted").asLong()).as("would be inserted").isEqualTo(2);
        assertThat(report.get("written").asBoolean()).isFalse();
        assertThat(errors(report))
                .containsExactly(
                        "4 name is required",
                        "5 zone is not a time zone (use a name such as Europe/London)",
                        "6 zone is not a time zone (use a name such as Europe/London)",
                        "8 recruiter_email no recruiter has the e-mail nobody@agency.example");
        assertThat(count("SELECT count(*) FROM candidates WHERE email = 'nora@example.com'"))
                .isZero();
    }

    @Test
    @Order(3)
    void allOrNothingWritesNothingWhenARowIsBadAndValidRowsWritesTheRest() {
        String csv =
                """
                name,spacing_days,status_check_limit,preferred_channel,does_not_reply
                Acme Widgets,10,2,EMAIL,no
                Globex,,,,yes
                Initech,-3,,PIGEON,maybe
                """;
        JsonNode refused = report(api.postCsv(admin, "/api/admin/import/companies?mode=all-or-nothing", csv));
        assertThat(refused.get("written").asBoolean()).isFalse();
        assertThat(errors(refused))
                .containsExactly(
                        "4 spacing_days must be a whole number of at least 1",
                        "4 preferred_channel must be one of [EMAIL, FACEBOOK, HANDWRITTEN_CARD_BY_HAND,"
                                + " HANDWRITTEN_CARD_BY_POST, LINKEDIN, PARCEL, PHONE, TEXT_MESSAGE]",
                        "4 does_not_reply must be true or false");
        assertThat(count("SELECT count(*) FROM companies WHERE name IN ('Acme Widgets', 'Globex')"))
                .isZero();

        JsonNode written = report(api.postCsv(admin, "/api/admin/import/companies?mode=valid-rows", csv));
        assertThat(written.get("written").asBoolean()).isTrue();
        assertThat(written.get("inserted").asLong()).isEqualTo(2);
        assertThat(written.get("invalid").asLong()).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM companies WHERE name = 'Globex' AND does_not_reply"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM companies WHERE name = 'Acme Widgets' AND spacing = interval '10 days'"
                        + " AND status_check_limit = 2"))
                .isEqualTo(1);
    }

    @Test
    @Order(4)
    void aRerunOfTheSameFileDuplicatesNothing() {
        String contacts =
                """
                company,name,role,business_email
                Acme Widgets,Ann Acme,INTERVIEWER,ann@acme.example
                Acme Widgets,Bob Acme,hiring manager,bob@acme.example
                Acme Widgets,Cy Acme,RECRUITER,
                Acme Widgets,Ann Again,INTERVIEWER,ANN@acme.example
                Nowhere Ltd,Nat,INTERVIEWER,nat@nowhere.example
                """;
        JsonNode first = report(api.postCsv(admin, "/api/admin/import/contacts?mode=valid-rows", contacts));
        assertThat(first.get("inserted").asLong()).isEqualTo(3);
        assertThat(first.get("skipped").asLong()).as("the repeated e-mail").isEqualTo(1);
        assertThat(errors(first)).containsExactly("6 company no company is called Nowhere Ltd");
        JsonNode again = report(api.postCsv(admin, "/api/admin/import/contacts?mode=valid-rows", contacts));
        assertThat(again.get("inserted").asLong()).isZero();
        assertThat(again.get("skipped").asLong()).isEqualTo(4);

        api.postCsv(
                admin,
                "/api/admin/import/candidates?mode=valid-rows",
                "name,email,zone\nNora New,nora@example.com,Europe/Rome\n");
        String interviews =
                """
                candidate_email,company,role,start,end,format,interviewers,round
                nora@example.com,Acme Widgets,Analyst,2026-03-16T10:00:00+01:00,2026-03-16T11:00:00+01:00,VIDEO,ann@acme.example; bob@acme.example,2
                nora@example.com,Acme Widgets,Analyst,2026-03-20T10:00:00Z,2026-03-20T09:00:00Z,VIDEO,ann@acme.example,
                nobody@example.com,Acme Widgets,Analyst,2026-03-21T10:00:00Z,2026-03-21T11:00:00Z,PHONE,zed@acme.example,
                nora@example.com,Acme Widgets,Analyst,2026-03-22T10:00:00Z,2026-03-22T11:00:00Z,PHONE,zed@acme.example,
                """;
        JsonNode firstInterviews =
                report(api.postCsv(admin, "/api/admin/import/interviews?mode=valid-rows", interviews));
        assertThat(errors(firstInterviews))
                .containsExactly(
                        "3 end must be after the start",
                        "4 candidate_email no candidate has the e-mail nobody@example.com",
                        "4 interviewers no contact of Acme Widgets has the e-mail zed@acme.example",
                        "5 interviewers no contact of Acme Widgets has the e-mail zed@acme.example");
        assertThat(firstInterviews.get("inserted").asLong()).isEqualTo(1);
        JsonNode rerun = report(api.postCsv(admin, "/api/admin/import/interviews?mode=valid-rows", interviews));
        assertThat(rerun.get("inserted").asLong()).isZero();
        assertThat(rerun.get("skipped").asLong()).isEqualTo(1);
        assertThat(
                        count(
                                """
                        SELECT count(*) FROM interview_interviewers ii JOIN interviews i ON i.id = ii.interview_id
                          JOIN candidates c ON c.id = i.candidate_id WHERE c.email = 'nora@example.com'
                        """))
                .isEqualTo(2);
    }

    @Test
    @Order(5)
    void aBadHeaderRefusesTheFile() {
        Reply reply = api.postCsv(
                admin, "/api/admin/import/candidates?mode=valid-rows", "name,e-mail,zone\nA,a@example.com,UTC\n");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("detail").asText())
                .contains("missing: [email]")
                .contains("unknown: [e-mail]");
        assertThat(api.postCsv(admin, "/api/admin/import/robots", "name\n").status())
                .isEqualTo(404);
        assertThat(api.postCsv(admin, "/api/admin/import/companies?mode=yolo", "name\n")
                        .status())
                .isEqualTo(400);
    }

    @Test
    @Order(6)
    void aLargeFileRunsInTheBackgroundWithProgress() throws InterruptedException {
        StringBuilder csv = new StringBuilder("name,email,zone\n");
        for (int index = 0; index < 12_000; index++) {
            csv.append("Bulk Person ")
                    .append(index)
                    .append(",bulk")
                    .append(index)
                    .append("@example.com,Europe/London\n");
        }
        Reply started =
                api.postCsv(admin, "/api/admin/import/candidates?mode=all-or-nothing&async=true", csv.toString());
        assertThat(started.status()).isEqualTo(202);
        String location = started.header("Location").orElseThrow();
        assertThat(location)
                .endsWith("/api/admin/import/jobs/" + started.json().get("id").asLong());
        JsonNode job = started.json();
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(60));
        while (!job.get("status").asText().equals("DONE") && Instant.now().isBefore(giveUp)) {
            assertThat(job.get("status").asText()).isIn("RUNNING", "DONE");
            Thread.sleep(50);
            job = api.get(admin, "/api/admin/import/jobs/" + job.get("id").asLong())
                    .json();
        }
        assertThat(job.get("status").asText()).isEqualTo("DONE");
        assertThat(job.get("percent").asInt()).isEqualTo(100);
        assertThat(job.get("rowsRead").asLong()).isEqualTo(12_000);
        assertThat(job.at("/report/inserted").asLong()).isEqualTo(12_000);
        assertThat(count("SELECT count(*) FROM candidates WHERE email LIKE 'bulk%'"))
                .isEqualTo(12_000);
    }

    private static JsonNode report(Reply reply) {
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
        assertThat(reply.json().get("status").asText()).isEqualTo("DONE");
        return reply.json().get("report");
    }

    private static List<String> errors(JsonNode report) {
        List<String> errors = new ArrayList<>();
        report.get("errors")
                .forEach(error -> errors.add(
                        error.get("line").asLong() + " " + error.get("column").asText() + " "
                                + error.get("reason").asText()));
        return errors;
    }

    private static long count(String sql) {
        return jdbi.withHandle(
                handle -> handle.createQuery(sql).mapTo(Long.class).one());
    }
}
