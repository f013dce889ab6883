package com.followup.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.followup.api.FollowupConfiguration;
import com.followup.api.testing.TestApp;
import com.followup.core.testing.PostgresDatabaseExtension;
import com.followup.web.testing.Browser;
import com.followup.web.testing.PortalApp;
import com.followup.web.testing.PortalApp.Cast;
import com.followup.web.testing.PortalHttp;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Dimension;

/**
 * Personal data in headless Chromium (issue 20): a candidate's download of their data from the settings page; an admin's
 * retention policy and its preview, and an erasure behind the typed name. Checked with axe-core and saved as
 * screenshots at 1366 and 390 pixels wide.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrivacyBrowserTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = TestApp.migratedDatabase();

    static final DropwizardAppExtension<FollowupConfiguration> APP = new DropwizardAppExtension<>(
            FollowupServer.class,
            ResourceHelpers.resourceFilePath("followup-web-test.yml"),
            ConfigOverride.config("database.url", () -> DATABASE.jdbcUrl()),
            ConfigOverride.config(
                    "database.user", () -> DATABASE.database().userName().orElse("")),
            ConfigOverride.config(
                    "database.password",
                    () -> DATABASE.database().userPassword().orElse("")),
            ConfigOverride.config("notifications.runJobs", "false"));

    static Cast cast;
    static Browser browser;
    static PortalHttp http;
    static long boInterview;

    @BeforeAll
    static void start() {
        cast = Cast.create(DATABASE, APP);
        cast.interview(
                Cast.CARA, "Northwind", OffsetDateTime.now(ZoneOffset.UTC).minusHours(3), "Hannah Lee");
        boInterview = cast.interview(
                Cast.BO, "Bluefield", OffsetDateTime.now(ZoneOffset.UTC).minusDays(2), "Iris Novak");
        // A candidate last seen three years ago: the retention preview lists them.
        Jdbi.create(DATABASE::connect)
                .useHandle(handle ->
                        handle.execute("INSERT INTO candidates (name, email, zone, created_at) VALUES ('Olga Oldtimer',"
                                + " 'olga@example.test', 'Europe/Berlin', now() - interval '3 years')"));
        browser = Browser.start(PortalApp.base(APP));
        http = new PortalHttp(PortalApp.base(APP));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @Order(1)
    void aCandidateDownloadsTheirDataFromTheSettingsPage() throws Exception {
        browser.login(Cast.CARA, TestApp.PASSWORD);
        browser.submit("nav a[href='/settings']");
        assertThat(browser.pageText()).contains("Your data", "Download my data");
        assertThat(browser.find("#your-data a.button").getAttribute("href")).endsWith("/privacy/export");
        browser.assertAccessible();
        screenshots("privacy-settings-export");

        String cookie = http.login(Cast.CARA, TestApp.PASSWORD);
        HttpResponse<byte[]> zip = getBytes(cookie, "/privacy/export");
        assertThat(zip.statusCode()).isEqualTo(200);
        assertThat(zip.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/zip"));
        assertThat(zip.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(value -> assertThat(value).contains("followup-candidate-" + cast.caraId()));
        assertThat(entries(zip.body())).contains("README.txt", "data.json", "touches.csv", "plan_steps.csv");
        // Another person's export is an admin's: a candidate gets 403 for the admin's path.
        assertThat(getBytes(cookie, "/privacy/candidates/" + cast.boId() + "/export")
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    @Order(2)
    void anAdminSetsTheRetentionPolicyAndSeesWhoWillBeErased() {
        browser.login(Cast.ADMIN, TestApp.PASSWORD);
        browser.open("/admin");
        browser.submit("a[href='/privacy']");
        assertThat(browser.path()).isEqualTo("/privacy");
        assertThat(browser.text("[data-retention-preview]")).contains("Olga Oldtimer", "at the next daily pass");
        assertThat(browser.pageText()).doesNotContain("Cara Candidate");

        // Bad input: zero months and text are refused with the field named, and nothing is saved.
        browser.setValue("#f-retention-candidateMonths", "0");
        browser.setValue("#f-retention-contactMonths", "two years");
        browser.submit("form[action='/privacy/retention'] button[type=submit]");
        assertThat(browser.text("#f-retention-candidateMonths-error"))
                .isEqualTo("Enter a whole number of months from 1 to 1200.");
        assertThat(browser.text("#f-retention-contactMonths-error"))
                .isEqualTo("Enter a whole number of months from 1 to 1200.");
        browser.assertAccessible();
        screenshots("privacy-retention-invalid");

        browser.setValue("#f-retention-candidateMonths", "36");
        browser.setValue("#f-retention-contactMonths", "24");
        browser.submit("form[action='/privacy/retention'] button[type=submit]");
        assertThat(browser.text(".notice")).isEqualTo("Saved: the retention policy.");
        assertThat(browser.find("#f-retention-candidateMonths").getAttribute("value"))
                .isEqualTo("36");
        // Olga's three years are past 36 months too.
        assertThat(browser.text("[data-retention-preview]")).contains("Olga Oldtimer");
        browser.assertAccessible();
        screenshots("privacy-retention");
    }

    @Test
    @Order(3)
    void anAdminErasesACandidateOnlyAfterTypingTheirName() throws Exception {
        browser.open("/candidates/" + cast.boId());
        browser.submit("a[href='/privacy/candidates/" + cast.boId() + "']");
        assertThat(browser.pageText()).contains("Erase Bo Brennan", "Download the data of Bo Brennan");

        browser.type("#f-erase-confirmName", "Bo");
        browser.submit("form[action$='/erase'] button[type=submit]");
        assertThat(browser.text(".alert")).contains("Type the candidate's current name");
        assertThat(browser.text("#f-erase-confirmName-error")).contains("must be the candidate's current name");
        browser.assertAccessible();
        screenshots("privacy-erase-confirm");

        browser.setValue("#f-erase-confirmName", "bo brennan");
        browser.submit("form[action$='/erase'] button[type=submit]");
        assertThat(browser.text(".notice")).contains("This candidate was erased on");
        assertThat(browser.all("form[action$='/erase']")).isEmpty();
        assertThat(browser.pageText())
                .contains("Erased candidate #" + cast.boId())
                .doesNotContain("Bo Brennan");
        browser.assertAccessible();
        screenshots("privacy-erased");

        // Their login no longer works; their interview still counts, under the anonymous name.
        boolean active = Jdbi.create(DATABASE::connect)
                .withHandle(handle -> handle.createQuery("SELECT active FROM users WHERE id = :id")
                        .bind("id", cast.boUserId())
                        .mapTo(Boolean.class)
                        .one());
        assertThat(active).isFalse();
        browser.open("/interviews/" + boInterview);
        assertThat(browser.pageText()).contains("Erased candidate #" + cast.boId());
    }

    @Test
    @Order(4)
    void anAdminErasesAContactFromTheCompanyPage() {
        long company = Jdbi.create(DATABASE::connect)
                .withHandle(handle -> handle.createQuery("SELECT id FROM companies WHERE name = 'Northwind'")
                        .mapTo(Long.class)
                        .one());
        browser.open("/companies/" + company);
        browser.submit("a[aria-label='Personal data of Hannah Lee']");
        assertThat(browser.pageText()).contains("Erase Hannah Lee");
        browser.setValue("#f-erase-confirmName", "Hannah Lee");
        browser.submit("form[action$='/erase'] button[type=submit]");
        assertThat(browser.text(".notice")).contains("This contact was erased on");
        browser.open("/companies/" + company);
        assertThat(browser.pageText()).doesNotContain("Hannah Lee").contains("Erased contact #");
    }

    private static HttpResponse<byte[]> getBytes(String cookie, String path) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(PortalApp.base(APP) + path));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static List<String> entries(byte[] zip) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                names.add(entry.getName());
            }
        }
        return names;
    }

    private static void screenshots(String name) {
        Dimension before = browser.driver().manage().window().getSize();
        browser.driver().manage().window().setSize(new Dimension(1366, 900));
        browser.screenshot(name + "-1366");
        browser.driver().manage().window().setSize(new Dimension(390, 844));
        browser.assertAccessible();
        browser.screenshot(name + "-390");
        browser.driver().manage().window().setSize(before);
    }
}
