package com.followup.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.followup.api.FollowupConfiguration;
import com.followup.api.testing.TestApi;
import com.followup.api.testing.TestApp;
import com.followup.core.testing.PostgresDatabaseExtension;
import com.followup.web.testing.PortalApp;
import com.followup.web.testing.PortalApp.Cast;
import com.followup.web.testing.PortalHttp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sessions, CSRF tokens, escaping and form validation of the pages, over plain HTTP as a browser sends it. */
@ExtendWith(DropwizardExtensionsSupport.class)
class PortalPagesTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = TestApp.migratedDatabase();

    static final DropwizardAppExtension<FollowupConfiguration> APP = PortalApp.app(DATABASE);

    private static final java.time.ZoneId BERLIN = java.time.ZoneId.of("Europe/Berlin");
    private static final java.time.format.DateTimeFormatter LOCAL =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    static Cast cast;
    private PortalHttp portal;

    @BeforeAll
    static void people() {
        cast = Cast.create(DATABASE, APP);
    }

    @Test
    void aPageWithoutALoginSendsTheBrowserToTheLoginFormAndBack() {
        HttpResponse<String> response = get(null, "/interviews/new");
        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/login?next=%2Finterviews%2Fnew");

        HttpResponse<String> login =
                post(null, "/login", form("email", Cast.CARA, "password", TestApp.PASSWORD, "next", "/interviews/new"));
        assertThat(login.statusCode()).isEqualTo(303);
        assertThat(login.headers().firstValue("Location").orElseThrow()).endsWith("/interviews/new");
        assertThat(login.headers().firstValue("Set-Cookie").orElseThrow())
                .startsWith("followup_session=")
                .containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Lax");
    }

    @Test
    void aFailedLoginKeepsTheEmailAndSaysWhatIsWrong() {
        HttpResponse<String> response =
                post(null, "/login", form("email", "cara@example.test", "password", "wrong password"));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body())
                .contains("The email or the password is wrong.")
                .contains("value=\"cara@example.test\"")
                .doesNotContain("wrong password");
    }

    @Test
    void aLoginElsewhereCannotBeTheTargetOfNext() {
        HttpResponse<String> login =
                post(null, "/login", form("email", Cast.CARA, "password", TestApp.PASSWORD, "next", "//evil.test/"));
        assertThat(login.headers().firstValue("Location").orElseThrow()).doesNotContain("evil");
    }

    @Test
    void aFormWithoutTheSessionsCsrfTokenIsRefused() {
        String cookie = login(Cast.CARA);
        HttpResponse<String> forged = post(cookie, "/interviews/new", form("companyName", "Forged", "role", "x"));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("This form has expired");

        HttpResponse<String> wrong = post(cookie, "/interviews/new", form("_csrf", "not-the-token", "role", "x"));
        assertThat(wrong.statusCode()).isEqualTo(403);
    }

    @Test
    void afterLogoutTheSessionNoLongerOpensPages() {
        String cookie = login(Cast.CARA);
        String token = csrf(get(cookie, "/"));
        HttpResponse<String> logout = post(cookie, "/logout", form("_csrf", token));
        assertThat(logout.statusCode()).isEqualTo(303);
        assertThat(logout.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
        assertThat(get(cookie, "/").statusCode()).isEqualTo(303);
    }

    @Test
    void userTextIsEscapedEverywhereItIsShown() {
        TestApi.Session session = cast.api().login(Cast.CARA, TestApp.PASSWORD);
        OffsetDateTime end = OffsetDateTime.now(ZoneOffset.UTC).minusHours(4).truncatedTo(ChronoUnit.MINUTES);
        long interview = cast.interview(Cast.CARA, "<b>Evil</b> Corp", end, "Mallory <img src=x onerror=alert(1)>");
        long contact = cast.api()
                .get(session, "/api/interviews/" + interview)
                .json()
                .get("interviewers")
                .get(0)
                .get("contactId")
                .asLong();
        PortalApp.require(
                cast.api()
                        .post(
                                session,
                                "/api/interviews/" + interview + "/touches",
                                Map.of(
                                        "kind", "THANK_YOU",
                                        "channel", "EMAIL",
                                        "recipientId", contact,
                                        "sentAt", end.plusHours(3).toString(),
                                        "text", "Thank you! <script>alert('x')</script>")),
                201);

        String page = get(login(Cast.CARA), "/interviews/" + interview).body();
        assertThat(page)
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
                .contains("&lt;b&gt;Evil&lt;/b&gt; Corp")
                .contains("Mallory &lt;img src=x onerror=alert(1)&gt;")
                .doesNotContain("<script>alert")
                .doesNotContain("<b>Evil")
                .doesNotContain("<img src=x");
    }

    /** Issue 15, decision 0025: a candidate's interview page offers the people of their interviews, not the company's list. */
    @Test
    void aCandidatesInterviewPageShowsOnlyThePeopleOfTheirOwnInterviews() {
        OffsetDateTime end = OffsetDateTime.now(ZoneOffset.UTC).minusHours(5).truncatedTo(ChronoUnit.MINUTES);
        long interview = cast.interview(Cast.CARA, "Quietco", end, "Quentin Quiz");
        long company = cast.api()
                .get(cast.admin(), "/api/interviews/" + interview)
                .json()
                .get("companyId")
                .asLong();
        PortalApp.require(
                cast.api()
                        .post(
                                cast.admin(),
                                "/api/companies/" + company + "/contacts",
                                Map.of("name", "Harriet Hidden", "role", "HIRING_MANAGER")),
                201);

        String page = get(login(Cast.CARA), "/interviews/" + interview).body();

        assertThat(page).contains("Quentin Quiz").doesNotContain("Harriet Hidden");
    }

    /**
     * Issue 14: a stored reply the core refuses (written before the database checked it) used to answer 500 on every
     * dashboard; now the dashboard answers and names that interview, with the reason, for the admin.
     */
    @Test
    void anInterviewThatCannotBeEvaluatedIsNamedOnTheDashboardInsteadOfBreakingIt() {
        OffsetDateTime end = OffsetDateTime.now(ZoneOffset.UTC).minusDays(2).truncatedTo(ChronoUnit.MINUTES);
        long interview = cast.interview(Cast.BO, "Brokenrow Ltd", end, "Rhea Replier");
        TestApi.Session bo = cast.api().login(Cast.BO, TestApp.PASSWORD);
        long contact = cast.api()
                .get(bo, "/api/interviews/" + interview)
                .json()
                .get("interviewers")
                .get(0)
                .get("contactId")
                .asLong();
        org.jdbi.v3.core.Jdbi jdbi = TestApp.jdbi(DATABASE);
        long reply = jdbi.withHandle(handle -> {
            handle.execute("ALTER TABLE replies DROP CONSTRAINT replies_decision_date_only_on_update");
            long id = handle.createQuery(
                            """
                            INSERT INTO replies (interview_id, from_contact_id, received_at, kind, new_decision_date,
                                                 created_by)
                            SELECT :interview, :contact, now(), 'ACKNOWLEDGEMENT', current_date + 7, min(id) FROM users
                            RETURNING id
                            """)
                    .bind("interview", interview)
                    .bind("contact", contact)
                    .mapTo(Long.class)
                    .one();
            handle.execute(
                    """
                    ALTER TABLE replies ADD CONSTRAINT replies_decision_date_only_on_update
                        CHECK (new_decision_date IS NULL OR kind = 'UPDATE') NOT VALID
                    """);
            return id;
        });
        try {
            // Written by another writer: on the admin's dashboard once heard and past the lag (decision 0037).
            String admin = login(Cast.ADMIN);
            HttpResponse<String> dashboard = dashboardOnceIt(admin, true);
            assertThat(dashboard.statusCode()).isEqualTo(200);
            assertThat(dashboard.body())
                    .contains("data-cannot-be-evaluated")
                    .contains("Needs attention: 1 interview cannot be evaluated")
                    .contains("Brokenrow Ltd")
                    .contains("only an update names a new decision date");
        } finally {
            jdbi.useHandle(handle -> handle.execute("DELETE FROM replies WHERE id = ?", reply));
        }
        assertThat(dashboardOnceIt(login(Cast.ADMIN), false).body()).doesNotContain("data-cannot-be-evaluated");
    }

    /** The dashboard page, asked again (for up to 10 s) until it names an interview that cannot be evaluated or not. */
    private HttpResponse<String> dashboardOnceIt(String cookie, boolean namesOne) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        HttpResponse<String> page = get(cookie, "/dashboard");
        while (page.body().contains("data-cannot-be-evaluated") != namesOne && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return page;
            }
            page = get(cookie, "/dashboard");
        }
        return page;
    }

    @Test
    void anInvalidFormKeepsWhatWasTypedAndSaysWhatIsWrongNextToTheField() {
        String cookie = login(Cast.CARA);
        String token = csrf(get(cookie, "/interviews/new"));
        HttpResponse<String> response = post(
                cookie,
                "/interviews/new",
                form(
                        "_csrf", token,
                        "companyName", "Northwind & Sons",
                        "role", "Analyst <intern>",
                        "start", "2026-03-30T14:00",
                        "end", "2026-03-30T13:00",
                        "format", "VIDEO",
                        "round", "1",
                        "rows", "3",
                        "interviewers[0].name", "Hannah Hiring",
                        "action", "save"));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body())
                .contains("value=\"Northwind &amp; Sons\"")
                .contains("value=\"Analyst &lt;intern&gt;\"")
                .contains("value=\"Hannah Hiring\"")
                .containsPattern("id=\"f-interview-end-error\">[^<]*must be after start")
                .contains("aria-invalid=\"true\"");
    }

    @Test
    void aCandidateGetsNotFoundForAnotherCandidateAndForbiddenForStaffPages() {
        String cookie = login(Cast.BO);
        assertThat(get(cookie, "/candidates/" + cast.caraId()).statusCode()).isEqualTo(404);
        assertThat(get(cookie, "/candidates/" + cast.boId()).statusCode()).isEqualTo(200);
        assertThat(get(cookie, "/dashboard").statusCode()).isEqualTo(403);
        assertThat(get(cookie, "/admin").statusCode()).isEqualTo(403);
        String recruiter = login(Cast.RECRUITER);
        assertThat(get(recruiter, "/candidates/" + cast.boId()).statusCode()).isEqualTo(404);
        assertThat(get(recruiter, "/admin").statusCode()).isEqualTo(403);
    }

    @Test
    void theOutcomeFormRecordsTheDecisionAndARejectionOpensTheOptionalR19Step() {
        OffsetDateTime end = OffsetDateTime.now(ZoneOffset.UTC).minusDays(3).truncatedTo(ChronoUnit.MINUTES);
        long interview = cast.interview(Cast.CARA, "Outcome Ltd", end, "Olga Outcome");
        String cookie = login(Cast.CARA);
        String page = "/interviews/" + interview;
        String token = csrf(get(cookie, page));

        assertThat(post(cookie, page + "/outcome", form("kind", "REJECTION", "at", "2026-03-30T10:00"))
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<String> invalid = post(cookie, page + "/outcome", form("_csrf", token, "at", "2026-03-30T10:00"));
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body())
                .contains("value=\"2026-03-30T10:00\"")
                .containsPattern("id=\"f-outcome-kind-error\">[^<]*Choose what the company decided");

        String heard = end.plusDays(1)
                .atZoneSameInstant(java.time.ZoneId.of("Europe/Berlin"))
                .toLocalDateTime()
                .toString();
        HttpResponse<String> saved =
                post(cookie, page + "/outcome", form("_csrf", token, "kind", "REJECTION", "at", heard));
        assertThat(saved.statusCode()).isEqualTo(303);
        assertThat(saved.headers().firstValue("Location").orElseThrow()).endsWith(page + "?saved=outcome");
        assertThat(get(cookie, page + "?saved=outcome").body())
                .contains("Outcome saved.")
                .contains("Rejection, ")
                .contains("data-r19")
                .contains("Thank them after the rejection (optional)");
        assertThat(cast.api()
                        .get(cast.admin(), "/api/interviews/" + interview)
                        .json()
                        .at("/outcome/kind")
                        .asText())
                .isEqualTo("REJECTION");

        String other = login(Cast.BO);
        assertThat(post(other, page + "/outcome", form("_csrf", csrf(get(other, "/")), "kind", "OFFER", "at", heard))
                        .statusCode())
                .isEqualTo(404);
    }

    /**
     * The form post that used to break the product (issue 14): an acknowledgement with a new decision date was saved,
     * then the interview could not be loaded and every dashboard that showed it answered 500. Now it is refused next
     * to the field, nothing is stored, and the dashboards keep answering.
     */
    @Test
    void aReplyTheRulesRefuseIsRefusedOnTheFormAndNothingBreaks() {
        OffsetDateTime end = OffsetDateTime.now(ZoneOffset.UTC).minusDays(3).truncatedTo(ChronoUnit.MINUTES);
        long interview = cast.interview(Cast.CARA, "Acknowledging Ltd", end, "Ada Acknowledger");
        long contact = cast.api()
                .get(cast.admin(), "/api/interviews/" + interview)
                .json()
                .at("/interviewers/0/contactId")
                .asLong();
        String cookie = login(Cast.CARA);
        String page = "/interviews/" + interview;
        String received = end.plusDays(1)
                .atZoneSameInstant(java.time.ZoneId.of("Europe/Berlin"))
                .toLocalDateTime()
                .toString();

        HttpResponse<String> refused = post(
                cookie,
                page + "/replies",
                form(
                        "_csrf", csrf(get(cookie, page)),
                        "fromContactId", Long.toString(contact),
                        "kind", "ACKNOWLEDGEMENT",
                        "receivedAt", received,
                        "newDecisionDate", end.toLocalDate().plusDays(14).toString()));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Only an update from the company moves its decision date");
        assertThat(cast.api()
                        .get(cast.admin(), "/api/interviews/" + interview + "/replies")
                        .json()
                        .size())
                .isZero();
        assertThat(get(cookie, page).statusCode()).isEqualTo(200);
        assertThat(cast.api().get(cast.admin(), "/api/dashboard").status()).isEqualTo(200);
    }

    @Test
    void whatWasSaidAboutNextStepsIsKeptWithTheTimeline() {
        OffsetDateTime end = OffsetDateTime.now(ZoneOffset.UTC).minusHours(2).truncatedTo(ChronoUnit.MINUTES);
        long interview = cast.interview(Cast.CARA, "Notes & Co", end, "Nina Notes");
        String cookie = login(Cast.CARA);
        String page = "/interviews/" + interview;
        String token = csrf(get(cookie, page));

        HttpResponse<String> invalid = post(
                cookie,
                page + "/timeline",
                form("_csrf", token, "decisionDate", "soon", "nextStepNotes", "They call <Friday>"));
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body())
                .contains("They call &lt;Friday&gt;</textarea>")
                .containsPattern("id=\"f-timeline-decisionDate-error\">[^<]*Enter a date");

        HttpResponse<String> saved = post(
                cookie,
                page + "/timeline",
                form("_csrf", token, "decisionDate", "2026-05-04", "nextStepNotes", "They call <Friday>"));
        assertThat(saved.statusCode()).isEqualTo(303);
        assertThat(get(cookie, page).body()).contains("Next steps</dt><dd class=\"prewrap\">They call &lt;Friday&gt;");
        assertThat(cast.api()
                        .get(cast.admin(), "/api/interviews/" + interview)
                        .json()
                        .at("/timeline/notes")
                        .asText())
                .isEqualTo("They call <Friday>");
    }

    @Test
    void anAdminEditsAUserWithItsVersionAndDeactivatesIt() {
        long id = PortalApp.require(
                        cast.api()
                                .post(
                                        cast.admin(),
                                        "/api/users",
                                        Map.of(
                                                "email", "eve@agency.test",
                                                "displayName", "Eve Editable",
                                                "role", "RECRUITER",
                                                "password", TestApp.PASSWORD)),
                        201)
                .json()
                .get("id")
                .asLong();
        String admin = login(Cast.ADMIN);
        String page = "/admin/users/" + id;
        HttpResponse<String> form = get(admin, page);
        assertThat(form.body()).contains("value=\"Eve Editable\"").contains("name=\"active\" value=\"yes\" checked");
        String token = csrf(form);

        assertThat(post(admin, page, form("displayName", "Eve", "role", "RECRUITER", "version", "1"))
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<String> stale = post(
                admin, page, form("_csrf", token, "displayName", "Eve <Stale>", "role", "RECRUITER", "version", "7"));
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.body()).contains("value=\"Eve &lt;Stale&gt;\"").contains("changed by someone else");

        HttpResponse<String> saved = post(
                admin, page, form("_csrf", token, "displayName", "Eve Edited", "role", "RECRUITER", "version", "1"));
        assertThat(saved.statusCode()).isEqualTo(303);
        TestApi.Reply user = cast.api().get(cast.admin(), "/api/users/" + id);
        assertThat(user.json().get("displayName").asText()).isEqualTo("Eve Edited");
        assertThat(user.json().get("active").asBoolean()).isFalse();

        String recruiter = login(Cast.RECRUITER);
        assertThat(get(recruiter, page).statusCode()).isEqualTo(403);
        assertThat(post(
                                recruiter,
                                page,
                                form("_csrf", csrf(get(recruiter, "/dashboard")), "displayName", "x", "role", "ADMIN"))
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void anAdminRevokesAnApiToken() {
        long token = PortalApp.require(
                        cast.api()
                                .post(
                                        cast.admin(),
                                        "/api/users/" + cast.recruiterId() + "/tokens",
                                        Map.of("name", "calendar-sync")),
                        201)
                .json()
                .get("id")
                .asLong();
        String admin = login(Cast.ADMIN);
        String listing = get(admin, "/admin").body();
        assertThat(listing).contains("action=\"/admin/tokens/" + token + "/revoke\"");

        assertThat(post(admin, "/admin/tokens/" + token + "/revoke", form()).statusCode())
                .isEqualTo(403);
        HttpResponse<String> revoked =
                post(admin, "/admin/tokens/" + token + "/revoke", form("_csrf", csrf(get(admin, "/admin"))));
        assertThat(revoked.statusCode()).isEqualTo(303);
        assertThat(get(admin, "/admin?offset=0").body())
                .doesNotContain("action=\"/admin/tokens/" + token + "/revoke\"");
        String recruiter = login(Cast.RECRUITER);
        assertThat(post(
                                recruiter,
                                "/admin/tokens/" + token + "/revoke",
                                form("_csrf", csrf(get(recruiter, "/dashboard"))))
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void thePolicyFormShowsEachRuleWithItsDefaultAndKeepsTypedValuesOnErrors() {
        String admin = login(Cast.ADMIN);
        HttpResponse<String> form = get(admin, "/admin/policy");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body())
                .contains("R7, R9: Spacing between unanswered follow-ups")
                .contains("In days. Default: 14 days.")
                .contains("R1: Thank-you deadline")
                .contains("R16: Notes this alike");
        String token = csrf(form);
        Map<String, String> values = new LinkedHashMap<>();
        Matcher inputs = Pattern.compile(
                        "<input id=\"f-policy-[^\"]+\" name=\"([^\"]+)\" type=\"[^\"]+\" value=\"([^\"]*)\"")
                .matcher(form.body());
        while (inputs.find()) {
            values.put(inputs.group(1), inputs.group(2));
        }
        values.put("thankYouChannel", "EMAIL");
        values.put("firstStatusCheckChannel", "EMAIL");
        values.put("laterStatusCheckChannels", "EMAIL,PHONE");
        values.put("freeMailDomains", "gmail.com\nyahoo.com");
        values.put("version", form.body().replaceAll("(?s).*name=\"version\" value=\"(\\d+)\".*", "$1"));
        values.put("_csrf", token);

        Map<String, String> wrong = new LinkedHashMap<>(values);
        wrong.put("spacing", "two weeks");
        HttpResponse<String> invalid = post(admin, "/admin/policy", wrong);
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body())
                .contains("value=\"two weeks\"")
                .containsPattern("id=\"f-policy-spacing-error\">[^<]*whole number");

        Map<String, String> changed = new LinkedHashMap<>(values);
        changed.put("spacing", "21");
        HttpResponse<String> saved = post(admin, "/admin/policy", changed);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
        TestApi.Reply policy = cast.api().get(cast.admin(), "/api/policy");
        assertThat(policy.json().get("spacing").asText()).isEqualTo("PT504H");

        // Back to the default, so the other tests see the agency as it was.
        Map<String, String> restored = new LinkedHashMap<>(values);
        restored.put("version", policy.json().get("version").asText());
        assertThat(post(admin, "/admin/policy", restored).statusCode()).isEqualTo(303);
        // R6: a country without a public-holiday calendar is refused beside its field, nothing saved.
        Map<String, String> unknownCountry = new LinkedHashMap<>(values);
        unknownCountry.put(
                "version",
                cast.api()
                        .get(cast.admin(), "/api/policy")
                        .json()
                        .get("version")
                        .asText());
        unknownCountry.put("section", "working-hours");
        unknownCountry.put("holidayCountry", "XX");
        HttpResponse<String> refused = post(admin, "/admin/policy", unknownCountry);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body())
                .containsPattern("id=\"f-policy-holidayCountry-error\">[^<]*XX is not a country[^<]*\\(R6\\)");
        assertThat(cast.api().get(cast.admin(), "/api/policy").json().hasNonNull("holidayCountry"))
                .isFalse();
        String recruiter = login(Cast.RECRUITER);
        assertThat(get(recruiter, "/admin/policy").statusCode()).isEqualTo(403);
    }

    @Test
    void staffSetACompanysOverridesOnItsPageAndCandidatesCannot() {
        OffsetDateTime end = OffsetDateTime.now(ZoneOffset.UTC).minusHours(5).truncatedTo(ChronoUnit.MINUTES);
        long interview = cast.interview(Cast.CARA, "Override Inc", end, "Otto Override");
        long company = cast.api()
                .get(cast.admin(), "/api/interviews/" + interview)
                .json()
                .get("companyId")
                .asLong();
        String recruiter = login(Cast.RECRUITER);
        String page = "/companies/" + company;
        HttpResponse<String> shown = get(recruiter, page);
        assertThat(shown.body()).contains("action=\"" + page + "/overrides\"").contains("the agency&#39;s 14 days");
        // The agency's interviews at the company, in the viewer's scope (issue 16).
        assertThat(shown.body())
                .contains("Interviews here")
                .contains("href=\"/interviews/" + interview + "\"")
                .contains("No answers yet");
        String token = csrf(shown);

        assertThat(post(recruiter, page + "/overrides", form("statusCheckLimit", "3", "version", "1"))
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<String> invalid = post(
                recruiter,
                page + "/overrides",
                form("_csrf", token, "spacingDays", "21", "statusCheckLimit", "99", "version", "1"));
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body())
                .contains("value=\"21\"")
                .containsPattern("id=\"f-overrides-statusCheckLimit-error\">[^<]*between 1 and 10");

        HttpResponse<String> saved = post(
                recruiter,
                page + "/overrides",
                form(
                        "_csrf", token,
                        "spacingDays", "21",
                        "statusCheckLimit", "1",
                        "preferredChannel", "PHONE",
                        "doesNotReply", "yes",
                        "version", "1"));
        assertThat(saved.statusCode()).isEqualTo(303);
        TestApi.Reply view = cast.api().get(cast.admin(), "/api/companies/" + company);
        assertThat(view.json().at("/overrides/statusCheckLimit").asInt()).isEqualTo(1);
        assertThat(view.json().at("/overrides/preferredChannel").asText()).isEqualTo("PHONE");
        assertThat(view.json().at("/overrides/doesNotReply").asBoolean()).isTrue();
        assertThat(get(recruiter, page + "?saved=overrides").body())
                .contains("Overrides saved.")
                .contains("R18 company-does-not-reply");
        // R18: a company marked as never replying is not "waiting for its first answer".
        assertThat(get(recruiter, page).body()).doesNotContain("No answers yet");

        String candidate = login(Cast.CARA);
        assertThat(get(candidate, page).body()).doesNotContain("/overrides\"");
        assertThat(get(candidate, page).body()).contains("href=\"/interviews/" + interview + "\"");
        assertThat(post(candidate, page + "/overrides", form("_csrf", csrf(get(candidate, page)), "version", "2"))
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void staffAddAndChangeACompanysContactsWithTheApisChecks() {
        OffsetDateTime end = OffsetDateTime.now(ZoneOffset.UTC).minusHours(5).truncatedTo(ChronoUnit.MINUTES);
        long interview = cast.interview(Cast.CARA, "Contacts Page Inc", end, "Carl Contact");
        long company = cast.api()
                .get(cast.admin(), "/api/interviews/" + interview)
                .json()
                .get("companyId")
                .asLong();
        String recruiter = login(Cast.RECRUITER);
        String page = "/companies/" + company;
        String token = csrf(get(recruiter, page));

        HttpResponse<String> invalid = post(
                recruiter,
                page + "/contacts",
                form("_csrf", token, "name", "Dora Doe", "role", "RECRUITER", "businessEmail", "not an email"));
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("value=\"Dora Doe\"").contains("id=\"f-contact-businessEmail-error\"");

        HttpResponse<String> added = post(
                recruiter,
                page + "/contacts",
                form("_csrf", token, "name", "Dora Doe", "role", "RECRUITER", "businessEmail", "dora@contacts.test"));
        assertThat(added.statusCode()).isEqualTo(303);
        long dora = contactId(company, "Dora Doe");
        assertThat(dora).isPositive();
        HttpResponse<String> editing = get(recruiter, page + "?contact=" + dora);
        assertThat(editing.body()).contains("value=\"dora@contacts.test\"").contains("Save the contact");

        HttpResponse<String> changed = post(
                recruiter,
                page + "/contacts",
                form(
                        "_csrf", token,
                        "contactId", Long.toString(dora),
                        "version", "1",
                        "name", "Dora Doe",
                        "title", "Head of Talent",
                        "role", "RECRUITER",
                        "businessEmail", "dora@contacts.test"));
        assertThat(changed.statusCode()).isEqualTo(303);
        assertThat(get(recruiter, page + "?saved=contact").body())
                .contains("Contact saved.")
                .contains("Head of Talent");
        // A stale version is refused, not overwritten.
        assertThat(post(
                                recruiter,
                                page + "/contacts",
                                form(
                                        "_csrf", token,
                                        "contactId", Long.toString(dora),
                                        "version", "1",
                                        "name", "Dora Stale",
                                        "role", "RECRUITER"))
                        .statusCode())
                .isEqualTo(409);

        String candidate = login(Cast.CARA);
        assertThat(get(candidate, page).body()).doesNotContain("contact-form");
        assertThat(post(
                                candidate,
                                page + "/contacts",
                                form("_csrf", csrf(get(candidate, page)), "name", "X", "role", "RECRUITER"))
                        .statusCode())
                .isEqualTo(403);
    }

    private static long contactId(long company, String name) {
        for (var node : cast.api()
                .get(cast.admin(), "/api/companies/" + company + "/contacts")
                .json()) {
            if (node.get("name").asText().equals(name)) {
                return node.get("id").asLong();
            }
        }
        return -1;
    }

    @Test
    void anAdminSetsTheRecruitersDigestHour() {
        String admin = login(Cast.ADMIN);
        HttpResponse<String> page = get(admin, "/admin");
        assertThat(page.body())
                .contains("action=\"/admin/notification-settings\"")
                .contains("Empty: the configured");
        String token = csrf(page);
        String version = page.body()
                .replaceAll(
                        "(?s).*action=\"/admin/notification-settings\".*?name=\"version\" value=\"(\\d+)\".*", "$1");

        assertThat(post(admin, "/admin/notification-settings", form("recruiterDigestHour", "14", "version", version))
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<String> invalid = post(
                admin,
                "/admin/notification-settings",
                form("_csrf", token, "recruiterDigestHour", "25", "version", version));
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body())
                .contains("value=\"25\"")
                .containsPattern("id=\"f-notifications-recruiterDigestHour-error\">[^<]*from 0 to 23");

        HttpResponse<String> saved = post(
                admin,
                "/admin/notification-settings",
                form("_csrf", token, "recruiterDigestHour", "14", "version", version));
        assertThat(saved.statusCode()).isEqualTo(303);
        assertThat(cast.api()
                        .get(cast.admin(), "/api/admin/notification-settings")
                        .json()
                        .get("recruiterDigestHour")
                        .asInt())
                .isEqualTo(14);
        assertThat(get(admin, "/admin").body()).contains("It goes out at 14:00");

        String recruiter = login(Cast.RECRUITER);
        assertThat(post(
                                recruiter,
                                "/admin/notification-settings",
                                form("_csrf", csrf(get(recruiter, "/dashboard")), "recruiterDigestHour", "9"))
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void staffSeeTimesInTheirOwnZoneAndCandidatesInTheirs() {
        Map<String, Object> invalidUser = new LinkedHashMap<>();
        invalidUser.put("email", "zed@agency.test");
        invalidUser.put("displayName", "Zed Zone");
        invalidUser.put("role", "RECRUITER");
        invalidUser.put("password", TestApp.PASSWORD);
        invalidUser.put("zone", "Mars/Olympus");
        TestApi.Reply refused = cast.api().post(cast.admin(), "/api/users", invalidUser);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("code").asText()).isEqualTo("INVALID_ZONE");
        invalidUser.put("zone", "Asia/Tokyo");
        TestApi.Reply created = PortalApp.require(cast.api().post(cast.admin(), "/api/users", invalidUser), 201);
        assertThat(created.json().get("zone").asText()).isEqualTo("Asia/Tokyo");
        long id = created.json().get("id").asLong();
        assertThat(get(login("zed@agency.test"), "/dashboard").body()).contains("Times are shown in Asia/Tokyo.");

        String admin = login(Cast.ADMIN);
        String page = "/admin/users/" + id;
        HttpResponse<String> form = get(admin, page);
        assertThat(form.body()).contains("value=\"Asia/Tokyo\"");
        String token = csrf(form);
        HttpResponse<String> invalid = post(
                admin,
                page,
                form(
                        "_csrf",
                        token,
                        "displayName",
                        "Zed Zone",
                        "role",
                        "RECRUITER",
                        "active",
                        "yes",
                        "version",
                        "1",
                        "zone",
                        "Atlantis/Deep"));
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body())
                .contains("value=\"Atlantis/Deep\"")
                .containsPattern("id=\"f-user-zone-error\">[^<]*time zone");
        assertThat(post(
                                admin,
                                page,
                                form(
                                        "_csrf",
                                        token,
                                        "displayName",
                                        "Zed Zone",
                                        "role",
                                        "RECRUITER",
                                        "active",
                                        "yes",
                                        "version",
                                        "1",
                                        "zone",
                                        "America/New_York"))
                        .statusCode())
                .isEqualTo(303);
        assertThat(get(login("zed@agency.test"), "/dashboard").body()).contains("Times are shown in America/New_York.");
        assertThat(get(login(Cast.CARA), "/").body()).contains("Times are shown in Europe/Berlin.");
    }

    /**
     * Issue 14: a reply is corrected from its own page, filled in as logged; what the rules refuse is shown next to
     * its field, a stale form says so, a retraction needs a reason, and another candidate cannot open the page.
     */
    @Test
    void aReplyIsCorrectedFromItsPageAndRefusalsAreShownNextToTheirFields() {
        TestApi.Session session = cast.api().login(Cast.CARA, TestApp.PASSWORD);
        OffsetDateTime end = OffsetDateTime.now(ZoneOffset.UTC).minusHours(6).truncatedTo(ChronoUnit.MINUTES);
        long interview = cast.interview(Cast.CARA, "Tailspin Toys", end, "Terry Tailspin");
        long contact = cast.api()
                .get(session, "/api/interviews/" + interview)
                .json()
                .get("interviewers")
                .get(0)
                .get("contactId")
                .asLong();
        String decisionDate = end.toLocalDate().plusDays(9).toString();
        long reply = PortalApp.require(
                        cast.api()
                                .post(
                                        session,
                                        "/api/interviews/" + interview + "/replies",
                                        Map.of(
                                                "fromContactId",
                                                contact,
                                                "receivedAt",
                                                end.plusHours(2).toString(),
                                                "kind",
                                                "UPDATE",
                                                "newDecisionDate",
                                                decisionDate)),
                        201)
                .json()
                .get("id")
                .asLong();
        String cookie = login(Cast.CARA);
        String path = "/interviews/" + interview + "/replies/" + reply;
        HttpResponse<String> page = get(cookie, path);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("value=\"" + decisionDate + "\"")
                .contains("name=\"version\" value=\"1\"")
                .contains("href=\"/interviews/" + interview + "#history\"");
        assertThat(get(cookie, "/interviews/" + interview).body()).contains("href=\"" + path + "#correct\"");
        String token = csrf(page);
        String receivedAt = LOCAL.format(end.plusHours(2).atZoneSameInstant(BERLIN));

        HttpResponse<String> refused = post(
                cookie,
                path,
                form(
                        "_csrf",
                        token,
                        "fromContactId",
                        Long.toString(contact),
                        "kind",
                        "ACKNOWLEDGEMENT",
                        "receivedAt",
                        receivedAt,
                        "newDecisionDate",
                        decisionDate,
                        "version",
                        "1"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body())
                .containsPattern("id=\"f-correct-newDecisionDate-error\">[^<]*only an update names a new decision date")
                .contains("<option value=\"ACKNOWLEDGEMENT\" selected>");

        Map<String, String> correction = form(
                "_csrf",
                token,
                "fromContactId",
                Long.toString(contact),
                "kind",
                "ACKNOWLEDGEMENT",
                "receivedAt",
                receivedAt,
                "newDecisionDate",
                "",
                "version",
                "1");
        HttpResponse<String> saved = post(cookie, path, correction);
        assertThat(saved.statusCode()).isEqualTo(303);
        assertThat(saved.headers().firstValue("Location").orElseThrow()).endsWith("?saved=corrected");
        HttpResponse<String> stale = post(cookie, path, correction);
        assertThat(stale.statusCode()).isEqualTo(400);
        assertThat(stale.body()).contains("changed by someone else");

        HttpResponse<String> reasonless =
                post(cookie, path + "/retraction", form("_csrf", token, "reason", " ", "version", "2"));
        assertThat(reasonless.statusCode()).isEqualTo(400);
        assertThat(reasonless.body()).containsPattern("id=\"f-retract-reason-error\">[^<]*Say why");
        assertThat(post(cookie, path + "/retraction", form("_csrf", token, "reason", "Wrong thread.", "version", "2"))
                        .statusCode())
                .isEqualTo(303);
        assertThat(get(cookie, "/interviews/" + interview).body())
                .contains("class=\"retracted\"")
                .contains("Wrong thread.");
        assertThat(get(cookie, path).body()).contains("Wrong thread.").doesNotContain("id=\"correct\"");

        assertThat(get(login(Cast.BO), path).statusCode()).isEqualTo(404);
    }

    // ---- plain HTTP as a browser does it

    private String login(String email) {
        return portal().login(email, TestApp.PASSWORD);
    }

    private static String csrf(HttpResponse<String> page) {
        return PortalHttp.csrf(page);
    }

    private static Map<String, String> form(String... namesAndValues) {
        return PortalHttp.form(namesAndValues);
    }

    private HttpResponse<String> get(String cookie, String path) {
        return portal().get(cookie, path);
    }

    private HttpResponse<String> post(String cookie, String path, Map<String, String> form) {
        return portal().post(cookie, path, form);
    }

    /** One client per test, as before: the server's port is known once the extension has started it. */
    private PortalHttp portal() {
        if (portal == null) {
            portal = new PortalHttp(PortalApp.base(APP));
        }
        return portal;
    }
}
