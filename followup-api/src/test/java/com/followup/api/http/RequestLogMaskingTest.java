package com.followup.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.followup.api.FollowupApplication;
import com.followup.api.FollowupConfiguration;
import com.followup.api.testing.TestApi;
import com.followup.api.testing.TestApp;
import com.followup.core.testing.PostgresDatabaseExtension;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The request log keeps the secrets of calendar and unsubscribe links out (issue 15, decision 0024). */
@ExtendWith(DropwizardExtensionsSupport.class)
class RequestLogMaskingTest {
    private static final Path LOG = Path.of("target", "request-log-test", "requests.json");

    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = TestApp.migratedDatabase();

    static final DropwizardAppExtension<FollowupConfiguration> APP = new DropwizardAppExtension<>(
            FollowupApplication.class,
            ResourceHelpers.resourceFilePath("followup-request-log-test.yml"),
            ConfigOverride.config("database.url", () -> DATABASE.jdbcUrl()),
            ConfigOverride.config(
                    "database.user", () -> DATABASE.database().userName().orElse("")),
            ConfigOverride.config(
                    "database.password",
                    () -> DATABASE.database().userPassword().orElse("")));

    @Test
    void calendarAndUnsubscribeTokensAreMaskedInTheRequestLog() throws Exception {
        TestApi api = TestApp.api(APP);
        String calendar = "CalendarSecret0123456789abcdefghijklmnopqrs";
        String unsubscribe = "42-UnsubscribeSecret0123456789abcdefghijklmno";
        String query = "QuerySecret0123456789abcdefghijklmnopqrstu";
        api.getText(TestApi.ANONYMOUS, "/api/calendar/" + calendar + ".ics");
        api.getText(TestApi.ANONYMOUS, "/api/unsubscribe/" + unsubscribe);
        api.getText(TestApi.ANONYMOUS, "/api/ping?token=" + query + "&other=kept");

        String log = awaitPing();
        assertThat(log)
                .contains(
                        "/api/calendar/****.ics",
                        "/api/unsubscribe/****",
                        "/api/ping?token=****&other=kept",
                        "\"token\":[\"****\"]")
                .doesNotContain(calendar, unsubscribe, query);
    }

    @Test
    void theMaskLeavesOtherPathsAlone() {
        assertThat(MaskedAccessJsonLayoutFactory.mask("\"uri\":\"/api/calendar/abc-DEF_1.ics\""))
                .isEqualTo("\"uri\":\"/api/calendar/****.ics\"");
        assertThat(MaskedAccessJsonLayoutFactory.mask("GET /api/me/calendar HTTP/1.1"))
                .isEqualTo("GET /api/me/calendar HTTP/1.1");
        assertThat(MaskedAccessJsonLayoutFactory.mask("/api/interviews?limit=5&tokenish=1"))
                .isEqualTo("/api/interviews?limit=5&tokenish=1");
    }

    /** The log as soon as it holds the last request (the appender writes asynchronously), or after 10 s. */
    private static String awaitPing() throws IOException, InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(10));
        String text = "";
        while (Instant.now().isBefore(until)) {
            if (Files.exists(LOG)) {
                text = Files.readString(LOG);
                if (text.lines().filter(line -> line.contains("/api/ping")).count() >= 1) {
                    return text;
                }
            }
            Thread.sleep(100);
        }
        return text;
    }
}
