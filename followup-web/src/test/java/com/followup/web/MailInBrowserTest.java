package com.followup.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.followup.api.FollowupApplication;
import com.followup.api.FollowupConfiguration;
import com.followup.api.mailin.MailIn.Outcome;
import com.followup.api.testing.TestApi;
import com.followup.api.testing.TestApp;
import com.followup.api.testing.TestMail;
import com.followup.core.testing.PostgresDatabaseExtension;
import com.followup.web.testing.Browser;
import com.followup.web.testing.PortalApp;
import com.followup.web.testing.PortalApp.Cast;
import com.followup.web.testing.PortalHttp;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;
import java.util.Properties;
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
 * Logging by e-mail in headless Chromium (issue 19): the candidate makes their logging address on the settings page,
 * an e-mail Followup cannot place waits on the mail-in page, and the candidate places it there; a form sent without a
 * choice is refused with a clear message. GreenMail is the agency's mail server (SMTP in, IMAP read by the poller,
 * which the test runs). Checked with axe-core and saved as screenshots at 1366 and 390 pixels wide.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MailInBrowserTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = TestApp.migratedDatabase();

    static final int SMTP_PORT = TestMail.freePort();
    static final int IMAP_PORT = TestMail.freePort();
    static final GreenMail MAIL = new GreenMail(new ServerSetup[] {
        new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
        new ServerSetup(IMAP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)
    });
    static final String MAILBOX = "log@agency.test";

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
            ConfigOverride.config("smtp.host", "127.0.0.1"),
            ConfigOverride.config("smtp.port", String.valueOf(SMTP_PORT)),
            ConfigOverride.config("mailIn.enabled", "true"),
            ConfigOverride.config("mailIn.poll", "false"),
            ConfigOverride.config("mailIn.host", "127.0.0.1"),
            ConfigOverride.config("mailIn.port", String.valueOf(IMAP_PORT)),
            ConfigOverride.config("mailIn.tls", "false"),
            ConfigOverride.config("mailIn.user", MAILBOX),
            ConfigOverride.config("mailIn.password", "mailbox-password"),
            ConfigOverride.config("mailIn.domain", "agency.test"));

    static Cast cast;
    static Browser browser;
    static PortalHttp http;
    static long interview;
    static String address;

    @BeforeAll
    static void start() {
        MAIL.setUser(MAILBOX, MAILBOX, "mailbox-password");
        MAIL.start();
        cast = Cast.create(DATABASE, APP);
        interview = cast.interview(
                Cast.CARA, "Northwind", OffsetDateTime.now(ZoneOffset.UTC).minusHours(3), "Hannah Lee");
        browser = Browser.start(PortalApp.base(APP));
        http = new PortalHttp(PortalApp.base(APP));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        MAIL.stop();
    }

    @Test
    @Order(1)
    void theCandidateMakesTheirLoggingAddressOnTheSettingsPage() {
        browser.login(Cast.CARA, TestApp.PASSWORD);
        browser.open("/settings");
        assertThat(browser.pageText()).contains("Logging by e-mail", "You have no logging address yet");
        browser.submit("form[action='/mail-in/address'] button[type=submit]");
        assertThat(browser.path()).isEqualTo("/mail-in?saved=address");
        address = browser.find("#mail-in-address").getAttribute("value");
        assertThat(address).matches("log\\+[0-9a-f]{32}@agency\\.test");
        assertThat(browser.text("#unplaced")).contains("Nothing is waiting");
        browser.open("/settings");
        assertThat(browser.text("#settings-mail-in-address")).isEqualTo(address);
        browser.assertAccessible();
        screenshots("settings-mail-in");
    }

    @Test
    @Order(2)
    void anEmailThatCannotBePlacedWaitsAndIsPlacedInTheBrowser() throws Exception {
        // To an address of Northwind that is nobody's on record: Followup cannot tell who it was for.
        send(
                "Hannah <hannah.lee@mail.example>",
                "Thank you, Hannah",
                "Dear Hannah, thank you for your time today. I enjoyed our talk about the data pipeline and I am keen"
                        + " to join the team.");
        Map<Outcome, Integer> done =
                APP.<FollowupApplication>getApplication().mailInPoller().runOnce();
        assertThat(done).containsExactlyEntriesOf(Map.of(Outcome.UNPLACED, 1));

        // The start page says something waits, and links to it.
        browser.open("/");
        assertThat(browser.text("[data-mail-in-waiting]"))
                .contains("An e-mail you sent to your logging address waits for you");
        screenshots("home-mail-in-waiting");
        browser.submit("[data-mail-in-waiting] a");
        assertThat(browser.path()).isEqualTo("/mail-in#unplaced");
        assertThat(browser.text("#unplaced"))
                .contains("Thank you, Hannah", "You sent it to Hannah <hannah.lee@mail.example>")
                .contains("none of its recipients is a contact");
        browser.assertAccessible();
        screenshots("mail-in-unplaced");

        // Bad input: sent without choosing the interview: refused, nothing logged, the message still waits.
        browser.submit("form[action^='/mail-in/unplaced/'] button[type=submit]");
        assertThat(browser.pageText()).contains("Choose the interview and the person this e-mail was for.");
        assertThat(browser.text(".alert")).isEqualTo("Please correct the field marked below.");
        browser.assertAccessible();
        screenshots("mail-in-invalid");

        browser.select("select[name=placement]", "Northwind, Data engineer");
        browser.select("select[name=kind]", "Thank-you note");
        browser.submit("form[action^='/mail-in/unplaced/'] button[type=submit]");
        assertThat(browser.path()).isEqualTo("/mail-in?saved=placed");
        assertThat(browser.text(".notice")).isEqualTo("Logged on the interview you chose.");
        assertThat(browser.text("#unplaced")).contains("Nothing is waiting");
        browser.open("/");
        assertThat(browser.all("[data-mail-in-waiting]")).isEmpty();

        TestApi.Session api = cast.api().login(Cast.CARA, TestApp.PASSWORD);
        JsonNode touches =
                cast.api().get(api, "/api/interviews/" + interview + "/touches").json();
        assertThat(touches).hasSize(1);
        assertThat(touches.get(0).get("kind").asText()).isEqualTo("THANK_YOU");
        // The address really used is kept, and R12 flags it: it is not Hannah's business address.
        assertThat(touches.get(0).get("address").asText()).isEqualTo("hannah.lee@mail.example");
        assertThat(touches.get(0).get("breaches").toString()).contains("R12");
    }

    @Test
    @Order(3)
    void anotherCandidateCannotPlaceItAndAFormWithoutCsrfChangesNothing() {
        String bo = http.login(Cast.BO, TestApp.PASSWORD);
        String csrf = PortalHttp.csrf(http.get(bo, "/mail-in"));
        HttpResponse<String> foreign = http.post(
                bo,
                "/mail-in/unplaced/1",
                PortalHttp.form("_csrf", csrf, "placement", interview + ":1", "kind", "THANK_YOU"));
        assertThat(foreign.statusCode()).isEqualTo(404);
        String cara = http.login(Cast.CARA, TestApp.PASSWORD);
        assertThat(http.post(cara, "/mail-in/address", PortalHttp.form()).statusCode())
                .isEqualTo(403);
        assertThat(http.get(http.login(Cast.RECRUITER, TestApp.PASSWORD), "/mail-in")
                        .statusCode())
                .isEqualTo(403);
    }

    private static void send(String to, String subject, String text) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(SMTP_PORT));
        Session session = Session.getInstance(properties);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("Cara Candidate <" + Cast.CARA + ">"));
        message.addRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSentDate(new Date());
        message.setSubject(subject);
        message.setText(text, "UTF-8");
        // What a plus-addressing server (Postfix) adds when it delivers log+secret@ to the mailbox log@.
        message.addHeader("Delivered-To", address);
        Transport.send(message, new InternetAddress[] {new InternetAddress(MAILBOX)});
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
