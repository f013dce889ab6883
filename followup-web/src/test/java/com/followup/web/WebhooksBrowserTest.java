package com.followup.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.followup.api.FollowupApplication;
import com.followup.api.FollowupConfiguration;
import com.followup.api.testing.TestApp;
import com.followup.core.testing.PostgresDatabaseExtension;
import com.followup.web.testing.Browser;
import com.followup.web.testing.PortalApp;
import com.followup.web.testing.PortalApp.Cast;
import com.followup.web.testing.PortalHttp;
import com.sun.net.httpserver.HttpServer;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
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
 * The admins' webhook pages in headless Chromium (issue 20): bad input refused with the message by its field, an
 * endpoint registered with its secret shown once, an interview's event delivered after a failed attempt (both in the
 * delivery log), sent again with the same id, the endpoint turned off and its secret rotated. Checked with axe-core
 * and saved as screenshots at 1366 and 390 pixels wide.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebhooksBrowserTest {
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
            ConfigOverride.config("notifications.runJobs", "false"),
            // The test runs the sender itself; a failed attempt is retried at once.
            ConfigOverride.config("webhooks.runJobs", "false"),
            ConfigOverride.config("webhooks.firstRetryDelay", "PT0S"));

    static Cast cast;
    static Browser browser;
    static PortalHttp http;
    static HttpServer receiver;
    static final List<String> received = new CopyOnWriteArrayList<>();
    static final ConcurrentLinkedQueue<Integer> answers = new ConcurrentLinkedQueue<>();

    @BeforeAll
    static void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            received.add(exchange.getRequestHeaders().getFirst("webhook-id"));
            Integer status = answers.poll();
            exchange.sendResponseHeaders(status == null ? 204 : status, -1);
            exchange.close();
        });
        receiver.start();
        cast = Cast.create(DATABASE, APP);
        browser = Browser.start(PortalApp.base(APP));
        http = new PortalHttp(PortalApp.base(APP));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        receiver.stop(0);
    }

    static String receiverUrl() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    static int send() {
        return ((FollowupApplication) APP.getApplication()).webhookSender().runOnce();
    }

    @Test
    @Order(1)
    void badInputIsRefusedByItsField() {
        browser.login(Cast.ADMIN, TestApp.PASSWORD);
        browser.open("/admin");
        browser.submit("a[href='/admin/webhooks']");
        assertThat(browser.path()).isEqualTo("/admin/webhooks");
        assertThat(browser.pageText()).contains("Webhook endpoints", "No endpoints yet.");

        browser.submit("form[action='/admin/webhooks'] button[type=submit]");
        assertThat(browser.text("#f-endpoint-events-error")).contains("name at least one event type");
        browser.type("#f-endpoint-url", "ftp://ats.example.com/hooks");
        browser.click("input[name=events][value='touch.logged']");
        browser.submit("form[action='/admin/webhooks'] button[type=submit]");
        assertThat(browser.text("#f-endpoint-url-error")).isEqualTo("must start with https:// or http://");
        assertThat(browser.text(".alert")).startsWith("The endpoint was not added:");
        // What was typed and ticked is kept.
        assertThat(browser.find("#f-endpoint-url").getAttribute("value")).isEqualTo("ftp://ats.example.com/hooks");
        assertThat(browser.find("input[name=events][value='touch.logged']").isSelected())
                .isTrue();
        browser.assertAccessible();
        screenshots("webhooks-invalid");
    }

    @Test
    @Order(2)
    void anEndpointIsAddedWithItsSecretShownOnceAndReceivesAnInterviewsEvent() {
        browser.open("/admin/webhooks");
        browser.type("#f-endpoint-url", receiverUrl());
        browser.type("#f-endpoint-description", "The ATS");
        browser.click("input[name=events][value='interview.created']");
        browser.submit("form[action='/admin/webhooks'] button[type=submit]");
        String secret = browser.text("#issued-secret");
        assertThat(secret).startsWith("whsec_");
        assertThat(browser.pageText()).contains("shown only this once", receiverUrl(), "interview.created");
        browser.assertAccessible();
        screenshots("webhooks-added");
        browser.open("/admin/webhooks");
        assertThat(browser.pageText()).doesNotContain(secret);

        answers.add(500);
        cast.interview(
                Cast.CARA, "Northwind", OffsetDateTime.now(ZoneOffset.UTC).minusHours(3), "Hannah Lee");
        assertThat(send()).isEqualTo(1);
        assertThat(received).hasSize(2);
        assertThat(received.get(1)).isEqualTo(received.get(0));

        browser.submit("table a[href^='/admin/webhooks/']");
        assertThat(browser.pageText()).contains("delivered", "interview.created", "500", "204", "HTTP 500");
        browser.assertAccessible();
        screenshots("webhook-endpoint");
    }

    @Test
    @Order(3)
    void anEventIsSentAgainTheEndpointTurnedOffAndItsSecretRotated() {
        browser.submit("button[aria-label^='Send msg_']");
        assertThat(browser.text(".notice")).contains("sent again shortly, with the same id");
        assertThat(send()).isEqualTo(1);
        assertThat(received).hasSize(3);
        assertThat(received.get(2)).isEqualTo(received.get(0));

        browser.submit("form[action$='/enabled'] button");
        assertThat(browser.text(".notice")).contains("The endpoint is off");
        assertThat(browser.pageText()).contains("off: turned off by an admin");

        browser.submit("form[action$='/rotate'] button");
        assertThat(browser.text("#issued-secret")).startsWith("whsec_");
        assertThat(browser.pageText()).contains("The previous secret also signs until");
        browser.assertAccessible();
        screenshots("webhook-rotated");
    }

    @Test
    @Order(4)
    void onlyAnAdminReachesThePagesAndNothingChangesWithoutTheCsrfToken() {
        String recruiter = http.login(Cast.RECRUITER, TestApp.PASSWORD);
        assertThat(http.get(recruiter, "/admin/webhooks").statusCode()).isEqualTo(403);
        String admin = http.login(Cast.ADMIN, TestApp.PASSWORD);
        HttpResponse<String> noToken =
                http.post(admin, "/admin/webhooks", PortalHttp.form("url", receiverUrl(), "events", "touch.logged"));
        assertThat(noToken.statusCode()).isEqualTo(403);
        String csrf = PortalHttp.csrf(http.get(admin, "/admin/webhooks"));
        HttpResponse<String> internal = http.post(
                admin,
                "/admin/webhooks",
                PortalHttp.form("_csrf", csrf, "url", "http://127.0.0.1:1/x", "events", "no.such.event"));
        assertThat(internal.statusCode()).isEqualTo(400);
        assertThat(internal.body()).contains("is not an event type");
        assertThat(http.get(admin, "/admin/webhooks/999999").statusCode()).isEqualTo(404);
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
