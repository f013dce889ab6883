package com.followup.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.followup.api.FollowupConfiguration;
import com.followup.api.testing.TestApi;
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
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
 * The settings page in headless Chromium (issue 17): reminder e-mails on and off, the calendar feed's address made,
 * shown once, copied and renewed (the old address stops working), for a candidate; a recruiter's page without the
 * calendar. Checked with axe-core and saved as screenshots at 1366 and 390 pixels wide.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SettingsBrowserTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = TestApp.migratedDatabase();

    /** The portal's public address: links name it, while the test's server listens on a random local port. */
    static final String PORTAL = "https://portal.test";

    static final DropwizardAppExtension<FollowupConfiguration> APP = new DropwizardAppExtension<>(
            FollowupServer.class,
            ResourceHelpers.resourceFilePath("followup-web-test.yml"),
            ConfigOverride.config("database.url", () -> DATABASE.jdbcUrl()),
            ConfigOverride.config(
                    "database.user", () -> DATABASE.database().userName().orElse("")),
            ConfigOverride.config(
                    "database.password",
                    () -> DATABASE.database().userPassword().orElse("")),
            ConfigOverride.config("notifications.runJobs", "false"),
            ConfigOverride.config("notifications.portalBaseUrl", PORTAL));

    static Cast cast;
    static Browser browser;
    static PortalHttp http;
    static String firstFeed;

    @BeforeAll
    static void start() {
        cast = Cast.create(DATABASE, APP);
        cast.interview(
                Cast.CARA, "Northwind", OffsetDateTime.now(ZoneOffset.UTC).minusHours(3), "Hannah Lee");
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
    void aCandidateTurnsRemindersOffFromTheSettingsPage() {
        browser.login(Cast.CARA, TestApp.PASSWORD);
        browser.submit("nav a[href='/settings']");
        assertThat(browser.path()).isEqualTo("/settings");
        assertThat(browser.pageText())
                .contains("Reminder e-mails", "Your calendar", "You have no calendar address yet");
        assertThat(browser.find("#f-email-on").isSelected()).isTrue();
        browser.assertAccessible();

        browser.click("#f-email-off");
        browser.submit("form[action='/settings/notifications'] button[type=submit]");
        assertThat(browser.path()).isEqualTo("/settings?saved=email-off");
        assertThat(browser.text(".notice")).isEqualTo("Saved: Followup sends you no more reminder e-mails.");
        assertThat(browser.find("#f-email-off").isSelected()).isTrue();
        // The same preference the API and the mail planner read.
        TestApi.Session api = cast.api().login(Cast.CARA, TestApp.PASSWORD);
        assertThat(cast.api()
                        .get(api, "/api/me/notifications")
                        .json()
                        .get("emailEnabled")
                        .asBoolean())
                .isFalse();

        browser.click("#f-email-on");
        browser.submit("form[action='/settings/notifications'] button[type=submit]");
        assertThat(cast.api()
                        .get(api, "/api/me/notifications")
                        .json()
                        .get("emailEnabled")
                        .asBoolean())
                .isTrue();
    }

    @Test
    @Order(2)
    void theCalendarAddressIsShownOnceCopiedAndWorks() {
        browser.open("/settings");
        browser.submit("form[action='/settings/calendar'] button[type=submit]");
        assertThat(browser.path()).isEqualTo("/settings?saved=calendar#calendar");
        String address = browser.find("#feed-url").getAttribute("value");
        assertThat(address).startsWith(PORTAL + "/api/calendar/").endsWith(".ics");
        firstFeed = URI.create(address).getPath();
        HttpResponse<String> feed = http.get(null, firstFeed);
        assertThat(feed.statusCode()).isEqualTo(200);
        assertThat(feed.body()).contains("BEGIN:VCALENDAR", "Thank Hannah Lee at Northwind (Data engineer)");

        browser.click("[data-copy='feed-url']");
        browser.waitFor("[data-copy-status]", "Address copied.");
        browser.assertAccessible();
        screenshots("settings-calendar-new");

        // Shown once: a reload says when it was made, not the address.
        browser.open("/settings");
        assertThat(browser.all("#feed-url")).isEmpty();
        assertThat(browser.pageText()).contains("You made your calendar's address on", "Make a new address");
        screenshots("settings-calendar");
    }

    @Test
    @Order(3)
    void renewingGivesANewAddressAndTheOldOneStopsWorking() {
        browser.open("/settings");
        browser.submit("form[action='/settings/calendar'] button[type=submit]");
        assertThat(browser.text(".notice")).isEqualTo("Your calendar has a new address; the old one no longer works.");
        String renewed =
                URI.create(browser.find("#feed-url").getAttribute("value")).getPath();
        assertThat(renewed).isNotEqualTo(firstFeed);
        assertThat(http.get(null, firstFeed).statusCode()).isEqualTo(404);
        assertThat(http.get(null, renewed).statusCode()).isEqualTo(200);
        // The browser's back button shows no address again: the page cleared what carried it.
        browser.open("/settings");
        assertThat(browser.all("#feed-url")).isEmpty();
    }

    @Test
    @Order(4)
    void badInputIsRefusedWithAClearMessageAndWithoutCsrfNothingChanges() {
        // In the browser: no choice sent (a tampered or scripted form) is shown again with the message by the choice.
        browser.open("/settings");
        browser.driver()
                .executeScript("document.querySelectorAll('input[name=email]').forEach(r => { r.checked = false; });");
        browser.submit("form[action='/settings/notifications'] button[type=submit]");
        assertThat(browser.text("#f-email-email-error"))
                .isEqualTo("Choose whether Followup sends you reminder e-mails: yes or no.");
        assertThat(browser.text(".alert")).isEqualTo("Please correct the field marked below.");
        browser.assertAccessible();
        screenshots("settings-invalid");

        String cookie = http.login(Cast.CARA, TestApp.PASSWORD);
        String csrf = PortalHttp.csrf(http.get(cookie, "/settings"));

        HttpResponse<String> nothingChosen =
                http.post(cookie, "/settings/notifications", PortalHttp.form("_csrf", csrf));
        assertThat(nothingChosen.statusCode()).isEqualTo(400);
        assertThat(nothingChosen.body())
                .contains("Choose whether Followup sends you reminder e-mails: yes or no.")
                .contains("aria-describedby=\"f-email-email-error\"");
        HttpResponse<String> nonsense =
                http.post(cookie, "/settings/notifications", PortalHttp.form("_csrf", csrf, "email", "maybe"));
        assertThat(nonsense.statusCode()).isEqualTo(400);

        assertThat(http.post(cookie, "/settings/notifications", PortalHttp.form("email", "off"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(http.post(cookie, "/settings/calendar", PortalHttp.form()).statusCode())
                .isEqualTo(403);
        TestApi.Session api = cast.api().login(Cast.CARA, TestApp.PASSWORD);
        assertThat(cast.api()
                        .get(api, "/api/me/notifications")
                        .json()
                        .get("emailEnabled")
                        .asBoolean())
                .isTrue();
    }

    @Test
    @Order(5)
    void aRecruiterHasRemindersButNoCalendar() {
        browser.login(Cast.RECRUITER, TestApp.PASSWORD);
        browser.submit("nav a[href='/settings']");
        assertThat(browser.pageText())
                .contains("Reminder e-mails", "daily digest")
                .doesNotContain("Your calendar");
        browser.assertAccessible();
        screenshots("settings-recruiter");

        String cookie = http.login(Cast.RECRUITER, TestApp.PASSWORD);
        String csrf = PortalHttp.csrf(http.get(cookie, "/settings"));
        assertThat(http.post(cookie, "/settings/calendar", PortalHttp.form("_csrf", csrf))
                        .statusCode())
                .isEqualTo(403);
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
