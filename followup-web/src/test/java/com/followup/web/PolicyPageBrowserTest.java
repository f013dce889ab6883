package com.followup.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.followup.api.FollowupConfiguration;
import com.followup.api.testing.TestApp;
import com.followup.core.testing.PostgresDatabaseExtension;
import com.followup.web.testing.Browser;
import com.followup.web.testing.PortalApp;
import com.followup.web.testing.PortalApp.Cast;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;

/**
 * Issue 16, the policy page: sections saved on their own, channels as checkboxes beside their labels, defaults in
 * words, and the public-holiday country picked by name (R6, working hours), at a desktop's and a phone's width.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class PolicyPageBrowserTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = TestApp.migratedDatabase();

    static final DropwizardAppExtension<FollowupConfiguration> APP = PortalApp.app(DATABASE);

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
    void anAdminPicksAHolidayCountryAndRegionAndTheChannelsByCheckboxInSections() {
        browser.driver().manage().window().setSize(new Dimension(1366, 900));
        browser.login(Cast.ADMIN, TestApp.PASSWORD);
        browser.open("/admin/policy");
        browser.assertAccessible();

        // Sections, each with its own save button; defaults and channels in words, never the enum's names.
        assertThat(browser.all("section.policy-page form")).hasSize(5);
        assertThat(browser.text("#status-checks"))
                .contains("Default: 14 days.")
                .contains("Default: e-mail or phone call.")
                .contains("Phone call");
        assertThat(browser.pageText()).doesNotContain("EMAIL", "PHONE", "HANDWRITTEN_CARD", "TEXT_MESSAGE");
        // A checkbox sits on its label's line, at its start, not above it.
        WebElement phone = browser.find("#f-policy-laterStatusCheckChannels-PHONE");
        Rectangle box = phone.getRect();
        Rectangle label = browser.find("label.check:has(#f-policy-laterStatusCheckChannels-PHONE)")
                .getRect();
        assertThat(phone.isSelected()).isTrue();
        assertThat(box.getX()).isEqualTo(label.getX());
        assertThat(label.getHeight()).isLessThan(2 * box.getHeight() + 8);
        assertThat(label.getWidth()).isGreaterThan(3 * box.getWidth());
        browser.screenshot("admin-policy");

        // Bad input: no channel at all for later status checks is refused beside the checkboxes, nothing saved.
        browser.click("#f-policy-laterStatusCheckChannels-EMAIL");
        browser.click("#f-policy-laterStatusCheckChannels-PHONE");
        browser.submit("#status-checks button[type=submit]");
        assertThat(browser.text("#status-checks")).contains("Name at least one channel.");
        assertThat(cast.api()
                        .get(cast.admin(), "/api/policy")
                        .json()
                        .get("laterStatusCheckChannels")
                        .size())
                .isEqualTo(2);
        browser.assertAccessible();

        // The country by its name; its regions are offered once it is saved.
        browser.open("/admin/policy");
        browser.select("#f-policy-holidayCountry", "Germany");
        browser.submit("#working-hours button[type=submit]");
        assertThat(browser.text(".notice")).contains("Policy saved");
        browser.open("/admin/policy#working-hours");
        assertThat(browser.text("#working-hours")).contains("Region of Germany");
        browser.select("#f-policy-holidayRegion", "Bavaria");
        browser.submit("#working-hours button[type=submit]");
        var policy = cast.api().get(cast.admin(), "/api/policy").json();
        assertThat(policy.get("holidayCountry").asText()).isEqualTo("DE");
        assertThat(policy.get("holidayRegion").asText()).isEqualTo("by");
        // Saving one section kept the others as they were.
        assertThat(policy.get("spacing").asText()).isEqualTo("PT336H");
        assertThat(policy.get("laterStatusCheckChannels").size()).isEqualTo(2);

        browser.open("/admin/policy");
        browser.screenshot("admin-policy-desktop-1366");
        browser.phone();
        browser.open("/admin/policy");
        browser.assertAccessible();
        long scrollWidth = (Long)
                ((JavascriptExecutor) browser.driver()).executeScript("return document.documentElement.scrollWidth;");
        assertThat(scrollWidth).as("no horizontal scrolling at 390 px").isLessThanOrEqualTo(390);
        browser.screenshot("admin-policy-phone-390");
    }
}
