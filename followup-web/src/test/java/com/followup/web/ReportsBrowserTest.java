package com.followup.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.followup.api.FollowupConfiguration;
import com.followup.api.testing.TestApi;
import com.followup.api.testing.TestApp;
import com.followup.core.testing.PostgresDatabaseExtension;
import com.followup.reports.IsoWeek;
import com.followup.reports.ReportArchive;
import com.followup.web.testing.Browser;
import com.followup.web.testing.PortalApp;
import com.followup.web.testing.PortalApp.Cast;
import com.followup.web.testing.PortalHttp;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;

/**
 * The weekly reports page (issue 17) in headless Chromium: an admin's agency figures with the server-drawn charts, a
 * recruiter's own scope without the other candidates' figures, a bad week typed in the picker, "produce again now"
 * with its archived files and checksums, an empty week. Each view is checked with axe-core and saved at 1366 and 390
 * pixels wide.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReportsBrowserTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = TestApp.migratedDatabase();

    /** The Monday schedule is off: every archived version here is one the test produced. */
    static final DropwizardAppExtension<FollowupConfiguration> APP = new DropwizardAppExtension<>(
            FollowupServer.class,
            ResourceHelpers.resourceFilePath("followup-web-test.yml"),
            ConfigOverride.config("database.url", () -> DATABASE.jdbcUrl()),
            ConfigOverride.config(
                    "database.user", () -> DATABASE.database().userName().orElse("")),
            ConfigOverride.config(
                    "database.password",
                    () -> DATABASE.database().userPassword().orElse("")),
            ConfigOverride.config("reports.enabled", "false"));

    static Cast cast;
    static Browser browser;
    static IsoWeek week;

    @BeforeAll
    static void start() {
        cast = Cast.create(DATABASE, APP);
        // Both interviews ended four days ago, in the same week: no thank-you by the 48 h deadline, an R3 breach each.
        // Cara is Rita's candidate, Bo is nobody's.
        OffsetDateTime end = OffsetDateTime.now(ZoneOffset.UTC).minusDays(4).truncatedTo(ChronoUnit.MINUTES);
        week = IsoWeek.of(
                end.toInstant(), ZoneId.of(APP.getConfiguration().getAgency().getZone()));
        cast.interview(Cast.CARA, "Northwind Traders", end, "Hannah Hiring");
        cast.interview(Cast.BO, "Globex Logistics", end.plusMinutes(30), "Gus Globex");
        // Cara's earlier weeks, for a trend worth looking at: a thank-you three hours after every other interview.
        TestApi.Session cara = cast.api().login(Cast.CARA, TestApp.PASSWORD);
        for (int weeksBack = 1; weeksBack <= 4; weeksBack++) {
            OffsetDateTime earlier = end.minusWeeks(weeksBack);
            long interview = cast.interview(Cast.CARA, "Initech " + weeksBack, earlier, "Ivan Initech");
            if (weeksBack % 2 == 0) {
                long contact = cast.interviewerId(cara, interview, 0);
                cast.thankYou(
                        cara,
                        interview,
                        contact,
                        earlier.plusHours(3),
                        "Dear Ivan, thank you for your time today. I enjoyed our"
                                + " talk about the data platform and I am keen on the role.");
            }
        }
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
    void anAdminSeesTheAgencysWeekWithChartsAndTheirValues() {
        browser.login(Cast.ADMIN, TestApp.PASSWORD);
        browser.submit("header a[href='/reports']");
        assertThat(browser.path()).isEqualTo("/reports");
        browser.type("#f-report-week", week.toString());
        browser.submit(".report-picker button[type=submit]");
        assertThat(browser.path()).startsWith("/reports?week=" + week);

        assertThat(browser.text("#week-heading")).isEqualTo(week + ": the whole agency");
        assertThat(figure("Interviews held")).isEqualTo("2");
        // Each interview: the thank-you missed (R3) and no debrief within 24 h (R20).
        // Each rate with its count beside it: two interviewers met, none thanked in time.
        assertThat(figureCount("R3 interviewers thanked")).isEqualTo("0 of 2 met");
        assertThat(figure("R3 interviewers thanked")).isEqualTo("0.0 %");
        assertThat(browser.text("#attention-heading + .row"))
                .contains("Cara Candidate", "Bo Brennan", "Northwind Traders", "Globex Logistics");

        List<WebElement> charts = browser.all("svg.chart[role=img]");
        assertThat(charts).hasSize(2);
        for (WebElement chart : charts) {
            String labelledBy = chart.getAttribute("aria-labelledby");
            assertThat(browser.find("[id='" + labelledBy + "']").getAttribute("textContent"))
                    .contains("last 8 weeks", "the whole agency");
        }
        // The colours are SVG attributes, which the page's Content-Security-Policy (no inline style) lets through.
        Object fill = browser.driver()
                .executeScript("return getComputedStyle(document.querySelector('#chart-volumes-title')"
                        + ".ownerSVGElement.querySelector('rect[fill=\"#b91c1c\"]')).fill;");
        assertThat(fill).isEqualTo("rgb(185, 28, 28)");
        // The values are text as well: in the charts' descriptions and in the table under them.
        String description = browser.find("#chart-volumes-desc").getAttribute("textContent");
        assertThat(description).contains(week.toString().substring(5) + " 2 interviews, 4 breaches");
        assertThat(browser.text(".report-trend tbody tr:last-child"))
                .startsWith(week.toString())
                .contains("0.0 % (0 of 2 met)");
        assertThat(browser.text(".report-trend tbody tr:nth-last-child(3)"))
                .startsWith(week.minusWeeks(2).toString())
                .contains("100.0 % (1 of 1 due)");
        assertThat(browser.text(".report-trend tbody tr:nth-last-child(2)"))
                .startsWith(week.minusWeeks(1).toString())
                .contains("0.0 % (0 of 1 due)");
        assertThat(browser.text("#archive-heading + .report-empty"))
                .contains("No version of " + week + " archived yet");

        browser.assertAccessible();
        wide("reports-admin");
    }

    @Test
    @Order(2)
    void producingAgainArchivesANewVersionWhoseFilesMatchTheirChecksums() throws Exception {
        browser.login(Cast.ADMIN, TestApp.PASSWORD);
        browser.open("/reports?week=" + week);
        browser.submit("[data-busy-form] button[type=submit]");
        assertThat(browser.path()).isEqualTo("/reports?week=" + week + "&produced=1");
        assertThat(browser.text(".notice")).contains("Version 1 of " + week + " archived");
        browser.submit("[data-busy-form] button[type=submit]");
        assertThat(browser.text(".notice")).contains("Version 2 of " + week + " archived");

        List<WebElement> rows = browser.all(".report-versions > li");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).getText()).startsWith("Version 2").contains("by you", "PDF", "CSV", "SHA-256");
        // The PDF downloads with the cookie of this login, and its bytes hash to the checksum shown beside it.
        WebElement pdfLine = rows.get(0).findElement(By.xpath(".//li[a[contains(@href, '/pdf')]]"));
        assertThat(pdfLine.getText()).contains("followup-" + week + "-agency-v2.pdf", "(PDF, ");
        String href = pdfLine.findElement(By.cssSelector("a")).getAttribute("href");
        String shown = pdfLine.findElement(By.cssSelector("code.checksum")).getText();
        assertThat(shown).matches("[0-9a-f]{64}");
        HttpResponse<byte[]> pdf = download(
                href,
                browser.driver().manage().getCookieNamed("followup_session").getValue());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(new String(pdf.body(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("%PDF-");
        assertThat(ReportArchive.sha256(pdf.body())).isEqualTo(shown);

        browser.assertAccessible();
        wide("reports-admin-produced");
        browser.phone();
        browser.screenshot("reports-admin-produced-390");
        browser.desktop();

        // A form post without the page's CSRF token produces nothing.
        PortalHttp http = new PortalHttp(PortalApp.base(APP));
        String cookie = http.login(Cast.ADMIN, TestApp.PASSWORD);
        HttpResponse<String> forged = http.post(cookie, "/reports/produce", PortalHttp.form("week", week.toString()));
        assertThat(forged.statusCode()).isEqualTo(403);
        browser.open("/reports?week=" + week);
        assertThat(browser.all(".report-versions > li")).hasSize(2);
    }

    @Test
    @Order(3)
    void aRecruiterSeesOnlyTheirOwnCandidatesAndCannotAskForOthers() throws Exception {
        browser.login(Cast.RECRUITER, TestApp.PASSWORD);
        browser.open("/reports?week=" + week);
        assertThat(browser.text("#week-heading")).isEqualTo(week + ": your candidates");
        assertThat(browser.all("#f-report-recruiterId"))
                .as("no scope to choose")
                .isEmpty();
        assertThat(figure("Interviews held")).isEqualTo("1");
        assertThat(browser.pageText())
                .contains("Cara Candidate", "Northwind Traders")
                .doesNotContain("Bo Brennan", "Globex Logistics");
        // The admin's agency versions are not this recruiter's archive.
        assertThat(browser.all(".report-versions")).isEmpty();
        browser.assertAccessible();
        wide("reports-recruiter");

        browser.submit("[data-busy-form] button[type=submit]");
        assertThat(browser.text(".notice")).contains("Version 1 of " + week + " archived");
        assertThat(browser.text(".report-versions")).contains("followup-" + week + "-recruiter-" + cast.recruiterId());

        // The API's rules: the agency, or another recruiter's candidates, are forbidden; so is the admin's file.
        browser.open("/reports?week=" + week + "&scope=agency");
        assertThat(browser.text("h1")).isEqualTo("Forbidden");
        assertThat(browser.pageText()).contains("A recruiter's report covers their own candidates.");
        browser.open("/reports?week=" + week + "&recruiterId=" + cast.caraUserId());
        assertThat(browser.text("h1")).isEqualTo("Forbidden");
        PortalHttp http = new PortalHttp(PortalApp.base(APP));
        String cookie = http.login(Cast.RECRUITER, TestApp.PASSWORD);
        assertThat(http.get(cookie, "/reports/archive/1/pdf").statusCode()).isEqualTo(404);
        String admin = http.login(Cast.ADMIN, TestApp.PASSWORD);
        assertThat(http.get(admin, "/reports/archive/1/pdf").statusCode()).isEqualTo(200);
        // A candidate has no reports page, and no link to one.
        String candidate = http.login(Cast.CARA, TestApp.PASSWORD);
        assertThat(http.get(candidate, "/").body()).doesNotContain("href=\"/reports\"");
        assertThat(http.get(candidate, "/reports").statusCode()).isEqualTo(403);
        String candidateCsrf = PortalHttp.csrf(http.get(candidate, "/"));
        assertThat(http.post(
                                candidate,
                                "/reports/produce",
                                PortalHttp.form("_csrf", candidateCsrf, "week", week.toString()))
                        .statusCode())
                .isEqualTo(403);
        // Nor may the recruiter produce the agency's week, or another recruiter's.
        String recruiterCsrf = PortalHttp.csrf(http.get(cookie, "/reports"));
        assertThat(http.post(
                                cookie,
                                "/reports/produce",
                                PortalHttp.form(
                                        "_csrf",
                                        recruiterCsrf,
                                        "week",
                                        week.toString(),
                                        "recruiterId",
                                        Long.toString(cast.caraUserId())))
                        .statusCode())
                .isEqualTo(403);
        assertThat(http.get(admin, "/api/reports/archive").body()).contains("\"total\":3");
    }

    @Test
    @Order(4)
    void anAdminChoosesARecruiterAndTypesBadWeeks() {
        browser.login(Cast.ADMIN, TestApp.PASSWORD);
        browser.open("/reports");
        browser.type("#f-report-week", week.toString());
        browser.select("#f-report-recruiterId", "Rita Recruiter");
        browser.submit(".report-picker button[type=submit]");
        assertThat(browser.text("#week-heading")).isEqualTo(week + ": Rita Recruiter's candidates");
        assertThat(figure("Interviews held")).isEqualTo("1");
        assertThat(browser.pageText()).doesNotContain("Bo Brennan");

        browser.type("#f-report-week", "2026-W60");
        browser.submit(".report-picker button[type=submit]");
        assertThat(browser.text("#f-report-week-error"))
                .contains("There is no week 2026-W60", "2026 has no ISO week 60");
        assertThat(browser.find("#f-report-week").getAttribute("value")).isEqualTo("2026-W60");
        assertThat(browser.find("#f-report-week").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.all("#week-heading")).as("no figures for a bad week").isEmpty();
        browser.assertAccessible();
        wide("reports-bad-week");

        browser.type("#f-report-week", "last week");
        browser.submit(".report-picker button[type=submit]");
        assertThat(browser.text("#f-report-week-error"))
                .contains("Enter a week as the year, -W and its two-digit number");

        IsoWeek future = week.plusWeeks(3);
        browser.type("#f-report-week", future.toString());
        browser.submit(".report-picker button[type=submit]");
        assertThat(browser.text("#f-report-week-error")).contains(future + " has not begun");

        browser.open("/reports?week=1970-W03");
        assertThat(browser.text("#f-report-week-error")).contains("Reports begin at 1970-W08");

        browser.open("/reports?recruiterId=abc");
        assertThat(browser.text("#f-report-recruiterId-error")).contains("Choose the agency or one of the recruiters");
        browser.open("/reports?recruiterId=" + cast.caraUserId());
        assertThat(browser.text("#f-report-recruiterId-error"))
                .contains("No recruiter has the id " + cast.caraUserId());
    }

    @Test
    @Order(5)
    void aWeekWithoutInterviewsSaysSo() {
        browser.login(Cast.ADMIN, TestApp.PASSWORD);
        IsoWeek quiet = week.minusWeeks(12);
        browser.open("/reports?week=" + quiet);
        assertThat(browser.text("[data-empty-week]")).contains("No interview ended in " + quiet);
        assertThat(browser.text("#trend-heading + .report-empty")).contains("No interviews in any of these weeks");
        assertThat(browser.text("#archive-heading + .report-empty")).contains("No version of " + quiet);
        browser.assertAccessible();
        wide("reports-empty-week");
    }

    private static String figure(String label) {
        return figureItem(label).findElement(By.cssSelector(".n")).getText();
    }

    private static String figureCount(String label) {
        return figureItem(label).findElement(By.cssSelector(".count")).getText();
    }

    private static WebElement figureItem(String label) {
        return browser.all(".report-figures li").stream()
                .filter(item ->
                        item.findElement(By.cssSelector(".label")).getText().equals(label))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no figure " + label + " in " + browser.pageText()));
    }

    /** The page at a laptop's 1366 and a phone's 390 pixels. */
    private static void wide(String name) {
        browser.driver().manage().window().setSize(new Dimension(1366, 900));
        browser.screenshot(name + "-1366");
        browser.phone();
        browser.assertAccessible();
        browser.screenshot(name + "-390");
        browser.desktop();
    }

    private static HttpResponse<byte[]> download(String url, String session) {
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(url))
                                    .header("Cookie", "followup_session=" + session)
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
