package com.followup.api.dashboard;

import static com.followup.api.testing.TestApp.created;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.followup.api.FollowupConfiguration;
import com.followup.api.auth.Role;
import com.followup.api.testing.TestApi;
import com.followup.api.testing.TestApp;
import com.followup.core.testing.PostgresDatabaseExtension;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 14: a stored row the core refuses (here a reply of kind acknowledgement naming a new decision date, stored
 * before the database checked it) used to make every dashboard, the candidate's pages and the reminder planner fail.
 * Now only that interview is affected: it is listed as needing attention (with the reason for an admin), its own page
 * says why it has no plan, the health check says so, and everything else answers as usual.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class UnevaluableInterviewTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = TestApp.migratedDatabase();

    static final DropwizardAppExtension<FollowupConfiguration> APP = TestApp.app(DATABASE);

    @Test
    void oneBadRecordLeavesEverythingElseAnsweringAndIsNamed() throws Exception {
        long adminId = TestApp.user(DATABASE, "admin@agency.test", "Ada Admin", Role.ADMIN);
        long recruiterId = TestApp.user(DATABASE, "rita@agency.test", "Rita Recruiter", Role.RECRUITER);
        TestApi api = TestApp.api(APP);
        TestApi.Session admin = api.login("admin@agency.test", TestApp.PASSWORD);
        long cara = created(api.post(
                admin,
                "/api/candidates",
                Map.of("name", "Cara Candidate", "email", "cara@example.test", "zone", "Europe/London")));
        long dan = created(api.post(
                admin,
                "/api/candidates",
                Map.of("name", "Dan Doe", "email", "dan@example.test", "zone", "Europe/London")));
        for (long candidate : List.of(cara, dan)) {
            assertThat(api.put(admin, "/api/candidates/" + candidate + "/recruiters/" + recruiterId, Map.of())
                            .status())
                    .isEqualTo(200);
        }
        Instant ended = Instant.now().minus(Duration.ofDays(3));
        TestApp.Interview bad = TestApp.interviewWithOneInterviewer(api, admin, cara, ended);
        long good = created(api.post(
                admin,
                "/api/interviews",
                Map.of(
                        "candidateId",
                        dan,
                        "companyName",
                        "Bluefield",
                        "role",
                        "Analyst",
                        "start",
                        ended.minus(Duration.ofHours(1)).toString(),
                        "end",
                        ended.toString(),
                        "format",
                        "VIDEO",
                        "interviewers",
                        List.of(Map.of("name", "Bo Boss", "businessEmail", "bo@bluefield.test")))));

        // A row written before the database refused it (as an older version or another writer could).
        Jdbi jdbi = TestApp.jdbi(DATABASE);
        long replyId = jdbi.withHandle(handle -> {
            handle.execute("ALTER TABLE replies DROP CONSTRAINT replies_decision_date_only_on_update");
            long id = handle.createQuery(
                            """
                            INSERT INTO replies (interview_id, from_contact_id, received_at, kind, new_decision_date, created_by)
                            VALUES (:interview, :contact, now(), 'ACKNOWLEDGEMENT', current_date + 7, :admin)
                            RETURNING id
                            """)
                    .bind("interview", bad.interviewId())
                    .bind("contact", bad.contactId())
                    .bind("admin", adminId)
                    .mapTo(Long.class)
                    .one();
            handle.execute(
                    """
                    ALTER TABLE replies ADD CONSTRAINT replies_decision_date_only_on_update
                        CHECK (new_decision_date IS NULL OR kind = 'UPDATE') NOT VALID
                    """);
            return id;
        });

        TestApi.Reply dashboard = api.get(admin, "/api/dashboard");
        assertThat(dashboard.status()).isEqualTo(200);
        assertThat(dashboard.json().get("items"))
                .extracting(row -> row.get("name").asText())
                .contains("Dan Doe", "Cara Candidate");
        JsonNode failing = dashboard.json().get("cannotBeEvaluated");
        assertThat(failing).hasSize(1);
        assertThat(failing.get(0).get("interviewId").asLong()).isEqualTo(bad.interviewId());
        assertThat(failing.get(0).get("candidate").asText()).isEqualTo("Cara Candidate");
        assertThat(failing.get(0).get("reason").asText()).contains("decision date");

        TestApi.Session recruiter = api.login("rita@agency.test", TestApp.PASSWORD);
        JsonNode seenByTheRecruiter =
                api.get(recruiter, "/api/dashboard").json().get("cannotBeEvaluated");
        assertThat(seenByTheRecruiter).hasSize(1);
        assertThat(seenByTheRecruiter.get(0).get("reason").isNull())
                .as("the reason is for admins")
                .isTrue();

        // The interview itself reads as stored; its plan says why there is none.
        assertThat(api.get(admin, "/api/interviews/" + bad.interviewId()).status())
                .isEqualTo(200);
        TestApi.Reply page = api.get(admin, "/api/interviews/" + bad.interviewId() + "/plan");
        assertThat(page.status()).isEqualTo(409);
        assertThat(page.json().get("code").asText()).isEqualTo("INTERVIEW_CANNOT_BE_EVALUATED");
        assertThat(page.json().get("detail").asText()).contains("decision date");
        assertThat(api.get(admin, "/api/interviews/" + good + "/plan").status()).isEqualTo(200);

        assertThat(health()).contains("\"evaluation\"").contains("1 interview cannot be evaluated");

        // Corrected (here the bad row goes, by another writer), the interview evaluates again and nothing needs
        // attention: on the dashboard once the write is heard and the answer read before it has had its lag
        // (dashboardLag, decision 0037).
        jdbi.useHandle(handle -> handle.execute("DELETE FROM replies WHERE id = ?", replyId));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode stillFailing = api.get(admin, "/api/dashboard").json().get("cannotBeEvaluated");
        while (!stillFailing.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            stillFailing = api.get(admin, "/api/dashboard").json().get("cannotBeEvaluated");
        }
        assertThat(stillFailing).isEmpty();
        assertThat(api.get(admin, "/api/interviews/" + bad.interviewId()).status())
                .isEqualTo(200);
        assertThat(health()).contains("every interview evaluated so far has a plan");
    }

    private static String health() throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + APP.getAdminPort() + "/healthcheck"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
