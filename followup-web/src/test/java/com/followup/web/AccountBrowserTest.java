package com.followup.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.followup.api.FollowupApplication;
import com.followup.api.FollowupConfiguration;
import com.followup.api.accounts.AccountMail;
import com.followup.api.auth.PasswordRules;
import com.followup.api.auth.Role;
import com.followup.api.testing.TestApp;
import com.followup.api.testing.TestMail;
import com.followup.core.testing.PostgresDatabaseExtension;
import com.followup.web.testing.Browser;
import com.icegreen.greenmail.util.GreenMail;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Forgot password in headless Chromium, end to end over SMTP (GreenMail): ask for a link on the login page, open the
 * link from the mail, choose a new password (the rule shown in the hint is the one the error states), log in with it.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class AccountBrowserTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = TestApp.migratedDatabase();

    static final int SMTP_PORT = TestMail.freePort();
    static final GreenMail SMTP = TestMail.greenMail(SMTP_PORT);

    static final DropwizardAppExtension<FollowupConfiguration> APP = new DropwizardAppExtension<>(
            FollowupServer.class,
            ResourceHelpers.resourceFilePath("followup-web-test.yml"),
            ConfigOverride.config("database.url", () -> DATABASE.jdbcUrl()),
            ConfigOverride.config(
                    "database.user", () -> DATABASE.database().userName().orElse("")),
            ConfigOverride.config(
                    "database.password",
                    () -> DATABASE.database().userPassword().orElse("")),
            ConfigOverride.config("smtp.host", "127.0.0.1"),
            ConfigOverride.config("smtp.port", String.valueOf(SMTP_PORT)),
            ConfigOverride.config("smtp.timeout", "PT5S"),
            ConfigOverride.config("notifications.runJobs", "false"),
            ConfigOverride.config("notifications.portalBaseUrl", "http://portal.test"));

    static Browser browser;

    @BeforeAll
    static void start() {
        SMTP.start();
        TestApp.user(DATABASE, "fay@example.test", "Fay Forgetful", Role.CANDIDATE);
        browser = Browser.start("http://localhost:" + APP.getLocalPort());
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        SMTP.stop();
    }

    @Test
    void forgotPasswordMailLinkNewPasswordAndLogIn() {
        browser.open("/login");
        browser.submit("a[href='/forgot-password']");
        assertThat(browser.path()).isEqualTo("/forgot-password");
        browser.assertAccessible();
        browser.type("#f-forgot-email", "fay@example.test");
        browser.submit("form button[type=submit]");
        assertThat(browser.text(".notice")).contains("If this address belongs to an active login");
        browser.screenshot("forgot-password-sent");

        ((FollowupApplication) APP.getApplication()).notifications().sender().runOnce();
        List<String> mails = AccountMail.textsTo(SMTP, "fay@example.test");
        assertThat(mails).hasSize(1);
        String link = AccountMail.link(mails.get(0));
        assertThat(link).startsWith("http://portal.test/reset-password?token=");

        // The mail names the configured portal; the test's server is the same portal on another port.
        browser.open(link.substring("http://portal.test".length()));
        assertThat(browser.pageText()).contains("Choose a new password", "fay@example.test");
        assertThat(browser.text("#f-link-password-hint")).isEqualTo(PasswordRules.HINT);
        browser.assertAccessible();

        browser.type("#f-link-password", "too short");
        browser.submit("form button[type=submit]");
        // The error states the rule as the hint does: one rule, one wording.
        assertThat(browser.text("#f-link-password-error")).isEqualTo(PasswordRules.MESSAGE);
        assertThat(PasswordRules.HINT).contains(PasswordRules.RULE);
        assertThat(PasswordRules.MESSAGE).contains(PasswordRules.RULE);

        browser.type("#f-link-password", "my new long passphrase");
        browser.submit("form button[type=submit]");
        assertThat(browser.path()).isEqualTo("/password-set");
        browser.screenshot("password-set");

        browser.login("fay@example.test", TestApp.PASSWORD);
        assertThat(browser.path()).isEqualTo("/login");
        browser.login("fay@example.test", "my new long passphrase");
        assertThat(browser.path()).isEqualTo("/");
        assertThat(browser.text("header")).contains("Log out Fay Forgetful");

        // The link was used: opened again, it only offers a new one.
        browser.open(link.substring("http://portal.test".length()));
        assertThat(browser.pageText()).contains("This link was already used");
    }
}
