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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The thank-you note check (R14 to R17) as a candidate sees it while typing, in headless Chromium (issue 16): a
 * stock note with a greeting by name is not specific and is called stock (R16), a negated statement of interest
 * gets its own finding, and a note that shares nothing with the other interviewer's is never "0% alike".
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class NoteCheckBrowserTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = TestApp.migratedDatabase();

    static final DropwizardAppExtension<FollowupConfiguration> APP = PortalApp.app(DATABASE);

    private static final String STOCK_NOTE =
            "Dear Michael, thank you for your time. I enjoyed our conversation and look"
                    + " forward to hearing from you.";

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
    void aStockNoteIsNotSpecificANegatedOneIsNotInterestAndNothingSharedIsNotMostAlike() {
        OffsetDateTime end = OffsetDateTime.now(ZoneOffset.UTC).minusHours(3).truncatedTo(ChronoUnit.MINUTES);
        TestApi.Session cara = cast.api().login(Cast.CARA, TestApp.PASSWORD);
        long interview = PortalApp.require(
                        cast.api()
                                .post(
                                        cara,
                                        "/api/interviews",
                                        Map.of(
                                                "companyName",
                                                "Greenleaf Foods",
                                                "role",
                                                "Supply Chain Analyst",
                                                "start",
                                                end.minusHours(1).toString(),
                                                "end",
                                                end.toString(),
                                                "format",
                                                "VIDEO",
                                                "interviewers",
                                                List.of(
                                                        Map.of(
                                                                "name", "Michael Brown",
                                                                "businessEmail", "michael@greenleaf.test"),
                                                        Map.of(
                                                                "name", "Rosa Delgado",
                                                                "businessEmail", "rosa@greenleaf.test")))),
                        201)
                .json()
                .get("id")
                .asLong();
        long rosa = cast.interviewerId(cara, interview, 1);
        // The note to Rosa shares no word pair with the stock note to Michael: similarity 0.
        cast.thankYou(
                cara,
                interview,
                rosa,
                OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5),
                "Rosa, many thanks for explaining the supplier scorecards and winter" + " deliveries.");

        browser.login(Cast.CARA, TestApp.PASSWORD);
        browser.open("/interviews/" + interview);
        browser.select("[data-note-recipient]", "Michael Brown");
        browser.type("#f-thankYou-text", STOCK_NOTE);
        browser.waitFor("[data-note-feedback]", "stock thank-you note");

        String feedback = browser.text("[data-note-feedback]");
        assertThat(feedback)
                .contains("Something specific: missing", "Interest in the role: missing", "R14", "R16")
                .doesNotContain("reads well", "Most alike", "0% alike");
        browser.assertAccessible();
        browser.screenshot("note-check-stock");

        browser.type(
                "#f-thankYou-text",
                "Dear Michael, thank you for the tour of the cold storage plans. I am no longer interested in the"
                        + " role.");
        browser.waitFor("[data-note-feedback]", "do not want the role");
        assertThat(browser.text("[data-note-feedback]"))
                .contains("Interest in the role: missing", "Something specific: present", "R14");
        browser.screenshot("note-check-negated");

        // Without JavaScript's live check: the "Check the note" button renders the same verdict on the page.
        browser.type("#f-thankYou-text", STOCK_NOTE);
        browser.submit("button[value=check]");
        String page = browser.text("[data-note-feedback]");
        assertThat(page)
                .contains("Something specific: missing", "stock thank-you note")
                .doesNotContain("Most alike");
        browser.assertAccessible();
    }
}
