package com.followup.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.followup.api.FollowupConfiguration;
import com.followup.api.testing.TestApi;
import com.followup.api.testing.TestApp;
import com.followup.core.testing.PostgresDatabaseExtension;
import com.followup.web.testing.Browser;
import com.followup.web.testing.PortalApp;
import com.followup.web.testing.PortalApp.Cast;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The portal in headless Chromium against the running server: the candidate's core flow, the recruiter's view
 * of overdue steps and breaches, scoping between candidates, an admin's assignment. Every main page is checked
 * with axe-core and saved as a screenshot under target/screenshots.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortalBrowserTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = TestApp.migratedDatabase();

    static final DropwizardAppExtension<FollowupConfiguration> APP = PortalApp.app(DATABASE);

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    static Cast cast;
    static Browser browser;

    @BeforeAll
    static void start() {
        cast = Cast.create(DATABASE, APP);
        browser = Browser.start(PortalApp.base(APP));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @Order(1)
    void aCandidateRecordsAnInterviewThanksTheInterviewerAndSeesTheStepDone() {
        browser.login(Cast.CARA, TestApp.PASSWORD);
        assertThat(browser.path()).isEqualTo("/");
        assertThat(browser.pageText()).contains("No interviews yet");
        browser.assertAccessible();

        browser.submit(".empty a.button");
        assertThat(browser.path()).isEqualTo("/interviews/new");
        ZonedDateTime end = ZonedDateTime.now(BERLIN).minusHours(3).truncatedTo(ChronoUnit.MINUTES);
        browser.type("#f-interview-companyName", "Northwind Traders");
        browser.type("#f-interview-role", "Data engineer");
        browser.setValue("#f-interview-start", LOCAL.format(end.minusHours(1)));
        browser.setValue("#f-interview-end", LOCAL.format(end));
        browser.type("#f-interview-interviewers-0--name", "Hannah Hiring");
        browser.type("#f-interview-interviewers-0--title", "Engineering manager");
        browser.type("#f-interview-interviewers-0--businessEmail", "hannah@northwind.test");
        browser.setValue(
                "#f-interview-decisionDate", LocalDate.now(BERLIN).plusDays(10).toString());
        browser.assertAccessible();
        browser.screenshot("interview-new");
        browser.submit("button[value=save]");

        assertThat(browser.path()).as(browser::pageText).matches("/interviews/\\d+\\?saved=interview");
        assertThat(browser.text("#plan-heading + .steps")).contains("Send a thank-you to Hannah Hiring", "R1");
        assertThat(browser.text("#plan-heading + .steps")).containsPattern("(Open|Due soon)");

        browser.type("#f-thankYou-subject", "Thank you for today");
        browser.type(
                "#f-thankYou-text",
                "Dear Hannah, thank you for your time today. I enjoyed our conversation about the data"
                        + " pipeline and I am very interested in the data engineer role. Best regards, Cara");
        browser.waitFor("[data-note-feedback]", "Note check");
        assertThat(browser.text("[data-note-feedback]")).contains("Thanks: present", "words");
        browser.assertAccessible();
        browser.screenshot("interview-note-feedback");

        browser.submit("button[value=log]");
        assertThat(browser.text(".notice")).contains("Thank-you logged as sent");
        assertThat(browser.text("#plan-heading + .steps")).contains("Done on time");
        assertThat(browser.text(".history")).contains("Thank you by email to Hannah Hiring", "on time");

        browser.open("/");
        assertThat(browser.pageText()).contains("Northwind Traders", "Coming up");
        browser.assertAccessible();
        browser.screenshot("candidate-home");
        browser.phone();
        browser.screenshot("candidate-home-phone");
        browser.desktop();
    }

    @Test
    @Order(2)
    void aRecruiterSeesTheOverdueStepAndTheBreachOfATooEarlyStatusCheck() {
        // Cara's second interview ended five days ago: no debrief (overdue, R4/R20), and a status check sent now
        // although the company said it decides in ten days (R6).
        OffsetDateTime end = OffsetDateTime.now(ZoneOffset.UTC).minusDays(5).truncatedTo(ChronoUnit.MINUTES);
        long interview = cast.interview(Cast.CARA, "Contoso", end, "Ivan Interviewer");
        TestApi.Session cara = cast.api().login(Cast.CARA, TestApp.PASSWORD);
        PortalApp.require(
                cast.api()
                        .put(
                                cara,
                                "/api/interviews/" + interview + "/timeline",
                                Map.of(
                                        "decisionDate",
                                        LocalDate.now(BERLIN).plusDays(10).toString())),
                200);
        long ivan = cast.interviewerId(cara, interview, 0);
        PortalApp.require(
                cast.api()
                        .post(
                                cara,
                                "/api/interviews/" + interview + "/touches",
                                Map.of(
                                        "kind",
                                        "STATUS_CHECK",
                                        "channel",
                                        "EMAIL",
                                        "recipientId",
                                        ivan,
                                        "sentAt",
                                        OffsetDateTime.now(ZoneOffset.UTC)
                                                .minusMinutes(1)
                                                .toString())),
                201);

        browser.login(Cast.RECRUITER, TestApp.PASSWORD);
        assertThat(browser.path()).isEqualTo("/dashboard");
        String row = browser.text("tbody tr");
        assertThat(row).contains("Cara Candidate");
        assertThat(browser.text(".counts .overdue .n")).isNotEqualTo("0");
        assertThat(browser.text(".counts .breach .n")).isNotEqualTo("0");
        browser.assertAccessible();
        browser.screenshot("recruiter-dashboard");

        browser.submit("tbody tr th a");
        assertThat(browser.pageText())
                .contains("Overdue", "Write the debrief", "sent too early (R6)", "Done, breaking a rule")
                .doesNotContain("respect-timeline");
        browser.assertAccessible();
        browser.screenshot("recruiter-candidate");

        browser.open("/dashboard?state=BREACHES");
        assertThat(browser.text("tbody")).contains("Cara Candidate");
    }

    @Test
    @Order(3)
    void aCandidateCannotOpenAnotherCandidatesPages() {
        long bosInterview = cast.interview(
                Cast.BO, "Fabrikam", OffsetDateTime.now(ZoneOffset.UTC).minusDays(1), "Fay Fabrikam");
        browser.login(Cast.CARA, TestApp.PASSWORD);

        browser.open("/candidates/" + cast.boId());
        assertThat(browser.find("h1").getText()).isEqualTo("Not found");
        assertThat(browser.pageText()).doesNotContain("Bo Brennan");
        browser.assertAccessible();

        browser.open("/interviews/" + bosInterview);
        assertThat(browser.find("h1").getText()).isEqualTo("Not found");
        assertThat(browser.pageText()).doesNotContain("Fabrikam");

        browser.open("/dashboard");
        assertThat(browser.find("h1").getText()).isEqualTo("Forbidden");
    }

    @Test
    @Order(4)
    void anAdminAssignsACandidateToARecruiter() {
        browser.login(Cast.ADMIN, TestApp.PASSWORD);
        browser.open("/admin");
        browser.assertAccessible();
        browser.select("#f-assignment-candidateId", "Bo Brennan");
        browser.select("#f-assignment-recruiterId", "Rita Recruiter");
        browser.submit("form[action='/admin/assignments'] button");

        assertThat(browser.text(".notice")).contains("Candidate assigned");
        assertThat(browser.text("#assign-heading + .table-wrap"))
                .contains("Bo Brennan")
                .contains("Rita Recruiter");
        browser.screenshot("admin");

        browser.login(Cast.RECRUITER, TestApp.PASSWORD);
        assertThat(browser.text("tbody")).contains("Bo Brennan");
    }

    /** Issue 16: an admin takes a recruiter off a candidate from the admin page; the answer is a redirect. */
    @Test
    @Order(51)
    void anAdminUnassignsARecruiterFromACandidate() {
        browser.login(Cast.ADMIN, TestApp.PASSWORD);
        browser.open("/admin");
        browser.submit("button[aria-label='Unassign Rita Recruiter from Bo Brennan']");
        assertThat(browser.text(".notice")).contains("Recruiter unassigned");
        assertThat(browser.path()).startsWith("/admin/done");
        assertThat(browser.all("button[aria-label='Unassign Rita Recruiter from Bo Brennan']"))
                .isEmpty();
        browser.assertAccessible();
        browser.screenshot("admin-unassigned");

        browser.login(Cast.RECRUITER, TestApp.PASSWORD);
        assertThat(browser.pageText()).doesNotContain("Bo Brennan");
    }

    /** Issue 16: a token shown once has a copy button (from portal.js: the CSP allows no inline script). */
    @Test
    @Order(52)
    void anAdminCopiesANewTokenWithAButton() {
        browser.login(Cast.ADMIN, TestApp.PASSWORD);
        browser.open("/admin");
        browser.select("#f-token-userId", "Rita Recruiter");
        browser.type("#f-token-name", "payroll-sync");
        browser.submit("form[action='/admin/tokens'] button");
        String token = browser.text("#issued-token");
        assertThat(token).hasSizeGreaterThan(30);
        assertThat(browser.find("[data-copy]").isDisplayed()).isTrue();
        browser.click("[data-copy]");
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(5))
                .until(driver -> !browser.text("[data-copy-status]").isEmpty());
        assertThat(browser.text("[data-copy-status]")).containsAnyOf("Copied.", "Ctrl+C");
        browser.assertAccessible();
        browser.screenshot("admin-token-copy");
    }

    /** Issue 16: a company's page lists the agency's interviews there that the viewer may see. */
    @Test
    @Order(50)
    void aRecruiterSeesTheInterviewsAtACompanyOnItsPage() {
        java.time.OffsetDateTime end = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC)
                .minusHours(3)
                .truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        long interview = cast.interview(Cast.CARA, "Company Page Ltd", end, "Pia Pagewright");
        long company = cast.api()
                .get(cast.admin(), "/api/interviews/" + interview)
                .json()
                .get("companyId")
                .asLong();
        browser.login(Cast.RECRUITER, TestApp.PASSWORD);
        browser.open("/companies/" + company);
        browser.assertAccessible();
        assertThat(browser.text("#interviews-heading + p + ul")).contains("Cara");
        assertThat(browser.text("#interviews-heading")).isEqualTo("Interviews here");
        browser.screenshot("company");
    }

    /**
     * Issue 14: a thank-you logged with the wrong time is corrected from the timeline (a bad time is refused next to
     * its field and nothing is lost), then retracted with a reason: it stays struck through, and the step it did is
     * open again.
     */
    @Test
    @Order(5)
    void aCandidateCorrectsThenRetractsAThankYouAndTheStepIsOpenAgain() {
        ZonedDateTime end = ZonedDateTime.now(BERLIN).minusHours(4).truncatedTo(ChronoUnit.MINUTES);
        long interview = cast.interview(Cast.CARA, "Litware", end.toOffsetDateTime(), "Lena Lead");
        TestApi.Session cara = cast.api().login(Cast.CARA, TestApp.PASSWORD);
        long lena = cast.interviewerId(cara, interview, 0);
        cast.thankYou(
                cara, interview, lena, end.plusHours(2).toOffsetDateTime(), "Dear Lena, thank you for the interview.");

        browser.login(Cast.CARA, TestApp.PASSWORD);
        browser.open("/interviews/" + interview);
        assertThat(browser.text("#plan-heading + .steps")).contains("Done on time");
        browser.submit("#history a[href$='#correct']");
        assertThat(browser.path()).matches("/interviews/" + interview + "/touches/\\d+#correct");
        assertThat(browser.find("#f-correct-text").getAttribute("value"))
                .isEqualTo("Dear Lena, thank you for the interview.");
        browser.assertAccessible();
        browser.screenshot("correction");

        // Before the interview ended: refused next to the field, what was typed is kept.
        browser.setValue("#f-correct-sentAt", LOCAL.format(end.minusHours(2)));
        browser.type("#f-correct-text", "Dear Lena, thank you for the talk about the data platform.");
        browser.submit("#correct button[type=submit]");
        assertThat(browser.text("#f-correct-sentAt-error")).contains("before the interview ended");
        assertThat(browser.find("#f-correct-text").getAttribute("value"))
                .isEqualTo("Dear Lena, thank you for the talk about the data platform.");
        browser.assertAccessible();

        browser.setValue("#f-correct-sentAt", LOCAL.format(end.plusHours(3)));
        browser.submit("#correct button[type=submit]");
        assertThat(browser.text(".notice")).contains("Corrected");
        assertThat(browser.text(".history")).contains("thank you for the talk about the data platform");
        assertThat(browser.text("#plan-heading + .steps")).contains("Done on time");

        browser.submit("#history a[href$='#retract']");
        browser.submit("#retract button[type=submit]");
        assertThat(browser.text("#f-retract-reason-error")).contains("Say why");
        browser.type("#f-retract-reason", "Never sent: it is still in my drafts.");
        browser.submit("#retract button[type=submit]");

        assertThat(browser.text(".notice")).contains("Retracted");
        assertThat(browser.text(".history .retracted"))
                .contains("Never sent: it is still in my drafts.", "Cara Candidate");
        assertThat(browser.find(".history .retracted del").getText()).contains("Thank you");
        assertThat(browser.text("#plan-heading + .steps"))
                .contains("Send a thank-you to Lena Lead")
                .doesNotContain("Done on time");
        browser.assertAccessible();
        browser.screenshot("interview-retracted");
    }

    /**
     * Issue 16: a touch is judged before it is saved. The page shows only what is due now (no status-check form
     * while checks are "not yet"); the status check, unfolded and filled in, warns "Too early" before anything is
     * saved; sending it without the confirmation saves nothing; confirmed, it is logged and its step and the banner
     * say what it broke, never "done on time".
     */
    @Test
    @Order(6)
    void aTooEarlyStatusCheckIsWarnedAboutBeforeItIsSavedAndNeedsAConfirmation() {
        ZonedDateTime end = ZonedDateTime.now(BERLIN).minusHours(5).truncatedTo(ChronoUnit.MINUTES);
        long interview = cast.interview(Cast.CARA, "Wingtip Toys", end.toOffsetDateTime(), "Wanda Wingtip");
        TestApi.Session cara = cast.api().login(Cast.CARA, TestApp.PASSWORD);
        String path = "/api/interviews/" + interview;
        long wanda = cast.api()
                .get(cara, path)
                .json()
                .get("interviewers")
                .get(0)
                .get("contactId")
                .asLong();
        PortalApp.require(
                cast.api()
                        .put(
                                cara,
                                path + "/timeline",
                                Map.of(
                                        "decisionDate",
                                        LocalDate.now(BERLIN).plusDays(10).toString())),
                200);
        PortalApp.require(
                cast.api()
                        .put(
                                cara,
                                path + "/debrief",
                                Map.of(
                                        "notes",
                                        "Went well; a long talk about the release train.",
                                        "concerns",
                                        java.util.List.of(Map.of(
                                                "contactId", wanda, "concern", "Worried about my on-call experience")),
                                        "unaskedQuestions",
                                        java.util.List.of())),
                200);

        browser.login(Cast.CARA, TestApp.PASSWORD);
        browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1366, 900));
        browser.open("/interviews/" + interview);
        // What is due now is open; the rest is folded.
        assertThat(browser.all("section#thank-you")).hasSize(1);
        assertThat(browser.text("[data-concerns]")).contains("Wanda Wingtip", "Worried about my on-call experience");
        assertThat(browser.text("[data-no-check-yet]")).contains("No status check is due yet");
        for (String folded : java.util.List.of("touch", "reply", "outcome", "next-steps", "debrief")) {
            assertThat(browser.find("details#" + folded).getAttribute("open"))
                    .as(folded + " is folded")
                    .isNull();
        }
        browser.assertAccessible();
        browser.screenshot("interview-folded");

        // Unfolded and filled in: the dry-run warns before anything is saved.
        browser.click("details#touch summary");
        browser.select("#f-touch-kind", "Status check");
        browser.setValue(
                "#f-touch-sentAt", LOCAL.format(ZonedDateTime.now(BERLIN).minusMinutes(5)));
        browser.waitFor("#touch [data-touch-warnings]", "Too early: not before");
        assertThat(browser.text("#touch [data-touch-warnings]"))
                .contains("(R6)")
                .doesNotContain("respect-timeline")
                .doesNotMatch(".*\\d{4}-\\d{2}-\\d{2}.*");
        assertThat(browser.find("#f-touch-confirmed").isDisplayed()).isTrue();
        browser.assertAccessible();
        browser.screenshot("interview-touch-warning");

        // Sent without the confirmation: the server asks again and saves nothing.
        browser.submit("#touch button[type=submit]");
        assertThat(browser.text("#touch .alert")).contains("Not logged yet");
        assertThat(browser.text("#touch [data-touch-warnings]")).contains("Too early: not before", "(R6)");
        assertThat(cast.api().get(cara, path + "/touches").json()).isEmpty();
        browser.assertAccessible();

        browser.click("#f-touch-confirmed");
        browser.submit("#touch button[type=submit]");
        assertThat(browser.text(".notice")).contains("Logged, but it breaks a rule", "sent too early (R6)");
        assertThat(browser.text("#plan-heading + .steps"))
                .contains("Done, breaking a rule\nStatus check 1\nsent too early (R6)")
                .doesNotContain("Done on time\nStatus check 1");
        assertThat(browser.text(".history")).contains("sent too early (R6)");
        assertThat(cast.api().get(cara, path + "/touches").json()).hasSize(1);
        browser.assertAccessible();
        browser.screenshot("interview-touch-breached");

        // Once everyone is thanked, the thank-you form folds away too.
        PortalApp.require(
                cast.api()
                        .post(
                                cara,
                                path + "/touches",
                                Map.of(
                                        "kind",
                                        "THANK_YOU",
                                        "channel",
                                        "EMAIL",
                                        "recipientId",
                                        wanda,
                                        "sentAt",
                                        end.plusHours(3).toOffsetDateTime().toString(),
                                        "text",
                                        "Dear Wanda, thank you for the talk about the release train.")),
                201);
        browser.open("/interviews/" + interview);
        assertThat(browser.find("details#thank-you").getAttribute("open")).isNull();
        assertThat(browser.text(".facts")).contains("Your interviewer is thanked");
        browser.assertAccessible();
        browser.screenshot("interview-all-done");
        browser.phone();
        browser.screenshot("interview-all-done-phone");

        // The candidate's home: the breaches to learn from, and the interview recorded ahead of time.
        cast.interview(
                Cast.CARA, "Tailspin Toys", OffsetDateTime.now(ZoneOffset.UTC).plusDays(3), "Tom Tailspin");
        browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1366, 900));
        browser.open("/");
        assertThat(browser.text("[data-next-interview]")).contains("Tailspin Toys");
        assertThat(browser.text("[data-lessons]"))
                .contains("Wingtip Toys", "(R6)")
                .doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}");
        browser.assertAccessible();
        browser.screenshot("candidate-home-lessons");
        browser.phone();
        browser.screenshot("candidate-home-lessons-phone");
        browser.desktop();
    }

    /** Issue 16: Enter in a field of "Record an interview" saves it instead of adding interviewer rows. */
    @Test
    @Order(7)
    void enterInTheInterviewFormSavesIt() {
        browser.login(Cast.CARA, TestApp.PASSWORD);
        browser.open("/interviews/new");
        ZonedDateTime end = ZonedDateTime.now(BERLIN).minusHours(2).truncatedTo(ChronoUnit.MINUTES);
        browser.type("#f-interview-companyName", "Adventure Works");
        browser.type("#f-interview-role", "Analyst");
        browser.setValue("#f-interview-start", LOCAL.format(end.minusHours(1)));
        browser.setValue("#f-interview-end", LOCAL.format(end));
        browser.type("#f-interview-interviewers-0--name", "Alex Adventure");
        org.openqa.selenium.WebElement page = browser.find("html");
        browser.find("#f-interview-interviewers-0--name").sendKeys(org.openqa.selenium.Keys.ENTER);
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(15))
                .until(org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(page));
        assertThat(browser.path()).as(browser::pageText).matches("/interviews/\\d+\\?saved=interview");
    }
}
