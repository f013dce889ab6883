package com.followup.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.followup.api.FollowupConfiguration;
import com.followup.api.auth.PasswordHasher;
import com.followup.api.demo.DemoAgency;
import com.followup.api.demo.DemoData;
import com.followup.api.testing.TestApp;
import com.followup.core.testing.PostgresDatabaseExtension;
import com.followup.web.testing.Browser;
import com.followup.web.testing.PortalApp;
import com.followup.web.testing.PortalHttp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;

/**
 * The recruiter's dashboard on the demo agency in headless Chromium (issue 16): most urgent first with the reason on
 * each row, the latest breach in words, marking breaches as seen (POST, redirect, GET), and no sideways scrolling on a
 * phone (390 px) where the lists become stacked cards. Screenshots at 1366 and 390 px under target/screenshots.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = TestApp.migratedDatabase();

    static final DropwizardAppExtension<FollowupConfiguration> APP = PortalApp.app(DATABASE);

    private static final String PRIYA = "priya.raman@agency.example";
    private static final String ADMIN = "alex.morgan@agency.example";

    static Browser browser;

    @BeforeAll
    static void start() {
        Jdbi jdbi = Jdbi.create(DATABASE::connect);
        jdbi.installPlugin(new SqlObjectPlugin());
        jdbi.installPlugin(new PostgresPlugin());
        assertThat(new DemoData(new PasswordHasher())
                        .loadIfEmpty(jdbi, Clock.systemUTC())
                        .status())
                .isEqualTo(DemoData.Status.LOADED);
        browser = Browser.start(PortalApp.base(APP));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    private static void width(int pixels) {
        browser.driver().manage().window().setSize(new Dimension(pixels, 900));
    }

    private static void assertNoSidewaysScrolling() {
        Object widths =
                browser.driver().executeScript("return [document.documentElement.scrollWidth, window.innerWidth];");
        @SuppressWarnings("unchecked")
        List<Long> pair = (List<Long>) widths;
        assertThat(pair.get(0)).as("scrollWidth of " + browser.path()).isLessThanOrEqualTo(pair.get(1));
    }

    private static List<String> names() {
        return browser.all("tbody tr th[scope=row] a").stream()
                .map(WebElement::getText)
                .toList();
    }

    private static String row(String name) {
        return browser.all("tbody tr").stream()
                .filter(row -> row.getText().contains(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not on the dashboard: " + names()))
                .getText();
    }

    @Test
    @Order(1)
    void priyaSeesAmeliaWithStepsDueAboveOliverWithOnlyBreachesAndWhy() {
        width(1366);
        browser.login(PRIYA, DemoAgency.RECRUITER_PASSWORD);
        assertThat(browser.path()).isEqualTo("/dashboard");
        List<String> names = names();
        assertThat(names.indexOf("Amelia Hart")).isNotNegative().isLessThan(names.indexOf("Oliver Grant"));
        assertThat(row("Amelia Hart")).contains("Northwind Example").doesNotContain("no step to do now");
        String oliver = row("Oliver Grant");
        assertThat(oliver)
                .contains("New breaches")
                .contains("Oliver sent Northwind Example one status check too many (R8)")
                .contains("Interview: Bluefield Analytics")
                .contains("Mark breaches as seen")
                .doesNotContain("nothing to do");
        browser.assertAccessible();
        browser.screenshot("dashboard-1366");
    }

    @Test
    @Order(2)
    void onAPhoneTheDashboardIsStackedCardsWithoutSidewaysScrolling() {
        browser.login(PRIYA, DemoAgency.RECRUITER_PASSWORD);
        width(390);
        browser.open("/dashboard");
        assertNoSidewaysScrolling();
        // A card, not a table row: each cell on a line of its own, labelled with its column's name.
        Object label = browser.driver()
                .executeScript("const cell = document.querySelector('tbody tr td[data-label]');"
                        + "return [getComputedStyle(cell).display, getComputedStyle(cell, '::before').content];");
        assertThat(label.toString()).contains("block", "Why here");
        browser.assertAccessible();
        browser.screenshot("dashboard-390");
        width(1366);
    }

    @Test
    @Order(3)
    void markingBreachesAsSeenRedirectsAndMovesTheRowDown() {
        width(1366);
        browser.login(PRIYA, DemoAgency.RECRUITER_PASSWORD);
        WebElement oliver = browser.all("tbody tr").stream()
                .filter(row -> row.getText().contains("Oliver Grant"))
                .findFirst()
                .orElseThrow();
        String candidate = oliver.getAttribute("data-candidate");
        browser.submit("tr[data-candidate='" + candidate + "'] form button");
        assertThat(browser.path()).isEqualTo("/dashboard?seen=true");
        assertThat(browser.text(".notice")).contains("Breaches marked as seen");
        WebElement after = browser.find("tr[data-candidate='" + candidate + "']");
        assertThat(after.getAttribute("data-priority")).isEqualTo("nothing_to_do");
        assertThat(after.getText())
                .doesNotContain("Mark breaches as seen")
                .contains("Oliver sent Northwind Example one status check too many (R8)");
        assertThat(names().indexOf("Oliver Grant")).isGreaterThan(names().indexOf("Grace Liu"));
        browser.assertAccessible();
    }

    @Test
    @Order(4)
    void onAPhoneTheAdminTablesDoNotScrollSideways() {
        browser.login(ADMIN, DemoAgency.ADMIN_PASSWORD);
        width(390);
        browser.open("/dashboard");
        assertNoSidewaysScrolling();
        browser.open("/admin");
        assertNoSidewaysScrolling();
        browser.assertAccessible();
        browser.screenshot("admin-390");
        width(1366);
    }

    @Test
    @Order(5)
    void theMarkIsRefusedWithoutTheFormsTokenForAnotherRecruitersCandidateAndForACandidate() {
        PortalHttp http = new PortalHttp(PortalApp.base(APP));
        String lena = http.login("lena.fischer@agency.example", DemoAgency.RECRUITER_PASSWORD);
        String lenaToken = PortalHttp.csrf(http.get(lena, "/dashboard"));
        String priya = http.login(PRIYA, DemoAgency.RECRUITER_PASSWORD);
        HttpResponse<String> page = http.get(priya, "/dashboard");
        String priyaToken = PortalHttp.csrf(page);
        String grace = candidateIdOf(page.body(), "Grace Liu");
        String path = "/dashboard/candidates/" + grace + "/breaches-seen";

        // Without the form's token: refused, nothing recorded.
        assertThat(http.post(priya, path, PortalHttp.form()).statusCode()).isEqualTo(403);
        assertThat(http.get(priya, "/dashboard").body())
                .contains("Mark breaches as seen<span class=\"visually-hidden\"> for Grace Liu");
        // Lena does not see Grace: 404, as for an id that does not exist; a typed id that is not a number is 404 too.
        assertThat(http.post(lena, path, PortalHttp.form("_csrf", lenaToken)).statusCode())
                .isEqualTo(404);
        assertThat(http.post(lena, "/dashboard/candidates/abc/breaches-seen", PortalHttp.form("_csrf", lenaToken))
                        .statusCode())
                .isEqualTo(404);
        // A candidate has no dashboard.
        String graceLogin = http.login("grace.liu@example.net", DemoAgency.CANDIDATE_PASSWORD);
        String graceToken = PortalHttp.csrf(http.get(graceLogin, "/"));
        assertThat(http.post(graceLogin, path, PortalHttp.form("_csrf", graceToken))
                        .statusCode())
                .isEqualTo(403);
        // Priya with the token: see other, back to the dashboard.
        HttpResponse<String> marked = http.post(priya, path, PortalHttp.form("_csrf", priyaToken));
        assertThat(marked.statusCode()).isEqualTo(303);
        assertThat(marked.headers().firstValue("Location").orElseThrow()).endsWith("/dashboard?seen=true");
    }

    private static String candidateIdOf(String html, String name) {
        Matcher matcher = Pattern.compile("<a href=\"/candidates/(\\d+)\">" + name + "</a>")
                .matcher(html);
        assertThat(matcher.find()).as(name + " on the page").isTrue();
        return matcher.group(1);
    }
}
