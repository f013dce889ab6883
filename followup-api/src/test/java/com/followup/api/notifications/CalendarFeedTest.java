package com.followup.api.notifications;

import static com.followup.api.testing.TestApp.created;
import static org.assertj.core.api.Assertions.assertThat;

import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.io.ParseWarning;
import biweekly.io.text.ICalReader;
import com.followup.api.FollowupConfiguration;
import com.followup.api.auth.Role;
import com.followup.api.testing.ClockedApplication;
import com.followup.api.testing.TestApi;
import com.followup.api.testing.TestApp;
import com.followup.core.testing.PostgresDatabaseExtension;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The calendar feed as a calendar app reads it (issue 17): only steps still to do (a rejection or an offer ends the
 * status checks, a missed thank-you is gone), the same bytes on every fetch of an unchanged feed, descriptions in the
 * candidate's zone, lines folded at 75 octets without splitting a character. Each feed is read by biweekly's parser
 * (no parse warning allowed) and again by {@link ContentLines}, an independent reading of RFC 5545's line grammar.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class CalendarFeedTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = TestApp.migratedDatabase();

    static final String BASE_URL = "https://followup.agency.test";

    static final DropwizardAppExtension<FollowupConfiguration> APP = new DropwizardAppExtension<>(
            ClockedApplication.class,
            ResourceHelpers.resourceFilePath("followup-test.yml"),
            ConfigOverride.config("database.url", () -> DATABASE.jdbcUrl()),
            ConfigOverride.config(
                    "database.user", () -> DATABASE.database().userName().orElse("")),
            ConfigOverride.config(
                    "database.password",
                    () -> DATABASE.database().userPassword().orElse("")),
            ConfigOverride.config("notifications.runJobs", "false"),
            ConfigOverride.config("notifications.portalBaseUrl", BASE_URL));

    /** Monday 7 December 2026, 10:00 in Berlin. */
    static final Instant NOW = Instant.parse("2026-12-07T09:00:00Z");

    /** Long and full of multi-byte characters, so that folding falls inside them. */
    static final String LONG_NAME = "Zürcher Überseehandelsgesellschaft für Öl & Müsli — Ärger mit Umlauten 😀 AG";

    static TestApi api;
    static TestApi.Session admin;
    static long candidateId;
    static String feedPath;

    @BeforeAll
    static void setUp() {
        ClockedApplication.CLOCK.set(NOW);
        api = TestApp.api(APP);
        TestApp.user(DATABASE, "admin@agency.test", "Ada Admin", Role.ADMIN);
        long user = TestApp.user(DATABASE, "cara@example.test", "Cara Candidate", Role.CANDIDATE);
        admin = api.login("admin@agency.test", TestApp.PASSWORD);
        candidateId = created(api.post(
                admin,
                "/api/candidates",
                Map.of(
                        "name",
                        "Cara Candidate",
                        "email",
                        "cara@example.test",
                        "zone",
                        "Europe/Berlin",
                        "userId",
                        user)));

        // Still going: thanked on time, the company gave no date, so status check 1 is ahead (R9).
        Interview open = interview("Northwind", "Hannah Lee", "2026-12-03T14:00:00Z");
        thank(open, "2026-12-03T18:00:00Z");
        // Rejected on Sunday: no status check any more, only R19's optional thanks for 48 hours.
        Interview rejected = interview("Globex", "Gus Grant", "2026-11-30T14:00:00Z");
        thank(rejected, "2026-11-30T18:00:00Z");
        outcome(rejected, "REJECTION", "2026-12-06T11:00:00Z");
        // An offer: nothing left to chase.
        Interview offered = interview("Initech", "Ines Ito", "2026-11-30T15:00:00Z");
        thank(offered, "2026-11-30T18:00:00Z");
        outcome(offered, "OFFER", "2026-12-04T11:00:00Z");
        // No thank-you within 48 hours: missed, not listed.
        interview("Umbrella", "Uma Ueda", "2026-12-01T10:00:00Z");
        // Ended an hour ago, with a name that needs folding: the thank-you is to do.
        interview(LONG_NAME, "Jörg Weiß", "2026-12-07T08:00:00Z");

        TestApi.Session candidate = api.login("cara@example.test", TestApp.PASSWORD);
        String url = api.post(candidate, "/api/me/calendar", Map.of())
                .json()
                .get("url")
                .asText();
        assertThat(url).startsWith(BASE_URL + "/api/calendar/");
        feedPath = URI.create(url).getPath();
    }

    @Test
    void onlyStepsStillToDoAreListed() {
        Map<String, VEvent> events = bySummary(biweekly(fetch()));

        assertThat(events.keySet())
                .contains(
                        "Status check 1 with Northwind (Data engineer)",
                        "Optional thanks to Globex (Data engineer)",
                        "Thank Jörg Weiß at " + LONG_NAME + " (Data engineer)")
                // The rejected and the offered candidate are told to chase nobody.
                .noneMatch(summary -> summary.startsWith("Status check") && summary.contains("Globex"))
                .noneMatch(summary -> summary.contains("Initech") && !summary.startsWith("Debrief"))
                // Status check 2's moment would depend on when check 1 goes: only the next one is listed.
                .noneMatch(summary -> summary.startsWith("Status check 2"))
                // The thank-you to Uma was missed (48 hours passed, R1): nothing to do about it any more.
                .noneMatch(summary -> summary.startsWith("Thank Uma"))
                // Done steps are not listed either.
                .noneMatch(summary -> summary.startsWith("Thank Hannah") || summary.startsWith("Thank Gus"));
        // Each summary names the company once.
        for (String summary : events.keySet()) {
            for (String company : List.of("Northwind", "Globex", "Initech", "Umbrella", "Zürcher")) {
                assertThat(summary.split(company, -1).length - 1).as(summary).isLessThanOrEqualTo(1);
            }
        }
    }

    @Test
    void descriptionsAreWrittenForAPersonInTheCandidatesZone() {
        Map<String, VEvent> events = bySummary(biweekly(fetch()));

        VEvent thankYou = events.get("Thank Jörg Weiß at " + LONG_NAME + " (Data engineer)");
        // Ended 09:00 Berlin; ideal from 11:00 to noon the next day; at the latest 48 hours after the end (R1, R2).
        assertThat(thankYou.getDescription().getValue())
                .contains("Best between Mon 7 Dec 11:00 and Tue 8 Dec 12:00; at the latest Wed 9 Dec 09:00.")
                .contains("Times in Europe/Berlin.")
                .contains("R1 thank-you-deadline")
                .contains(BASE_URL + "/interviews/");
        assertThat(thankYou.getUrl().getValue()).startsWith(BASE_URL + "/interviews/");
        assertThat(thankYou.getDateStart().getValue().toInstant()).isEqualTo(Instant.parse("2026-12-07T08:00:00Z"));
        assertThat(thankYou.getDateEnd().getValue().toInstant()).isEqualTo(Instant.parse("2026-12-09T08:00:00Z"));

        // Thanked Thursday 19:00 Berlin, no date given: 14 days later (R9), Thu 17 Dec 19:00, after working hours, so
        // the proposed check opens the next business day at 09:00 (the rules' working-hours paragraph).
        VEvent statusCheck = events.get("Status check 1 with Northwind (Data engineer)");
        assertThat(statusCheck.getDescription().getValue())
                .startsWith("You may ask Northwind where their decision on the Data engineer role stands.")
                .contains("Not before Fri 18 Dec 09:00. Times in Europe/Berlin.");

        for (VEvent event : events.values()) {
            String description = event.getDescription().getValue();
            assertThat(description)
                    .as("no raw UTC moment in: %s", description)
                    .doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}")
                    .doesNotContain("State:", "NOT_YET", "DUE_SOON", "OVERDUE", "localhost");
        }
    }

    @Test
    void anUnchangedFeedIsTheSameOnEveryFetch() {
        byte[] first = fetch();
        byte[] again = fetch();
        ClockedApplication.CLOCK.set(NOW.plus(Duration.ofMinutes(7)));
        try {
            byte[] later = fetch();
            assertThat(again).isEqualTo(first);
            assertThat(later).as("no moment in the feed comes from the clock").isEqualTo(first);
        } finally {
            ClockedApplication.CLOCK.set(NOW);
        }
        for (VEvent event : biweekly(first).getEvents()) {
            assertThat(event.getUid().getValue()).matches("followup-\\d+-[A-Z_]+-\\d+-\\d+@followup");
            assertThat(event.getDateTimeStamp().getValue().toInstant()).isBeforeOrEqualTo(NOW);
        }
    }

    @Test
    void linesAreFoldedAt75OctetsWithoutSplittingACharacter() throws CharacterCodingException {
        byte[] feed = fetch();
        List<byte[]> lines = ContentLines.physicalLines(feed);
        assertThat(lines).isNotEmpty();
        for (byte[] line : lines) {
            assertThat(line.length).as(new String(line, StandardCharsets.UTF_8)).isLessThanOrEqualTo(75);
            // Each physical line is valid UTF-8 on its own: no character was cut in two.
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(line));
        }
        assertThat(lines.stream().anyMatch(line -> line.length > 0 && line[0] == ' '))
                .as("the long company name made some lines fold")
                .isTrue();
    }

    @Test
    void aSecondReadingOfTheLineGrammarAgreesWithBiweekly() {
        byte[] feed = fetch();
        List<ContentLines.Line> lines = ContentLines.parse(feed);
        ICalendar calendar = biweekly(feed);

        assertThat(lines.get(0).text()).isEqualTo("BEGIN:VCALENDAR");
        assertThat(lines.get(lines.size() - 1).text()).isEqualTo("END:VCALENDAR");
        List<Map<String, String>> events = ContentLines.components(lines, "VEVENT");
        assertThat(events).hasSameSizeAs(calendar.getEvents());
        for (int index = 0; index < events.size(); index++) {
            Map<String, String> event = events.get(index);
            VEvent parsed = calendar.getEvents().get(index);
            assertThat(event).containsKeys("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION");
            assertThat(ContentLines.unescape(event.get("SUMMARY")))
                    .isEqualTo(parsed.getSummary().getValue());
            assertThat(ContentLines.unescape(event.get("DESCRIPTION")))
                    .isEqualTo(parsed.getDescription().getValue());
            assertThat(event.get("DTSTART")).matches("\\d{8}T\\d{6}Z");
        }
    }

    @Test
    void aRenewedFeedRetiresTheOldAddress() {
        TestApi.Session candidate = api.login("cara@example.test", TestApp.PASSWORD);
        String old = feedPath;
        String renewed = api.post(candidate, "/api/me/calendar", Map.of())
                .json()
                .get("url")
                .asText();
        try {
            assertThat(api.getText(TestApi.ANONYMOUS, old).status()).isEqualTo(404);
            assertThat(api.getText(TestApi.ANONYMOUS, URI.create(renewed).getPath())
                            .status())
                    .isEqualTo(200);
        } finally {
            feedPath = URI.create(renewed).getPath();
        }
    }

    // ---- helpers

    record Interview(long id, long contactId) {}

    static Interview interview(String company, String interviewer, String end) {
        long companyId = created(api.post(admin, "/api/companies", Map.of("name", company)));
        long contactId = created(api.post(
                admin,
                "/api/companies/" + companyId + "/contacts",
                Map.of(
                        "name",
                        interviewer,
                        "role",
                        "INTERVIEWER",
                        "businessEmail",
                        interviewer.toLowerCase().replaceAll("[^a-z]", "") + "@company.test")));
        Instant ended = Instant.parse(end);
        long id = created(api.post(
                admin,
                "/api/interviews",
                Map.of(
                        "candidateId",
                        candidateId,
                        "companyId",
                        companyId,
                        "role",
                        "Data engineer",
                        "start",
                        ended.minus(Duration.ofHours(1)).toString(),
                        "end",
                        end,
                        "format",
                        "VIDEO",
                        "interviewers",
                        List.of(Map.of("contactId", contactId)))));
        return new Interview(id, contactId);
    }

    static void thank(Interview interview, String sentAt) {
        created(api.post(
                admin,
                "/api/interviews/" + interview.id() + "/touches",
                Map.of(
                        "kind",
                        "THANK_YOU",
                        "channel",
                        "EMAIL",
                        "recipientId",
                        interview.contactId(),
                        "sentAt",
                        sentAt)));
    }

    static void outcome(Interview interview, String kind, String at) {
        TestApi.Reply reply =
                api.put(admin, "/api/interviews/" + interview.id() + "/outcome", Map.of("kind", kind, "at", at));
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
    }

    static byte[] fetch() {
        try {
            HttpResponse<byte[]> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + APP.getLocalPort() + feedPath))
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow())
                    .isEqualToIgnoringCase("text/calendar;charset=UTF-8");
            return response.body();
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** biweekly's reading of the feed; any parse warning fails the test. */
    static ICalendar biweekly(byte[] feed) {
        try (ICalReader reader = new ICalReader(new String(feed, StandardCharsets.UTF_8))) {
            ICalendar calendar = reader.readNext();
            List<ParseWarning> warnings = reader.getWarnings();
            assertThat(warnings).as("biweekly's parse warnings").isEmpty();
            assertThat(reader.readNext()).isNull();
            return calendar;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static Map<String, VEvent> bySummary(ICalendar calendar) {
        Map<String, VEvent> events = new LinkedHashMap<>();
        for (VEvent event : calendar.getEvents()) {
            assertThat(events.put(event.getSummary().getValue(), event))
                    .as("one event per summary")
                    .isNull();
        }
        return events;
    }

    /**
     * RFC 5545 section 3.1 read without a library: physical lines end with CRLF, a line starting with a space or tab
     * continues the previous one, and a content line is {@code name *(";" param) ":" value}.
     */
    static final class ContentLines {
        record Line(String name, String value, String text) {}

        static List<byte[]> physicalLines(byte[] feed) {
            List<byte[]> lines = new ArrayList<>();
            int start = 0;
            for (int index = 0; index < feed.length; index++) {
                if (feed[index] == '\n') {
                    assertThat(index > start && feed[index - 1] == '\r')
                            .as("every line ends with CRLF")
                            .isTrue();
                    lines.add(Arrays.copyOfRange(feed, start, index - 1));
                    start = index + 1;
                }
            }
            assertThat(start).as("the feed ends with CRLF").isEqualTo(feed.length);
            return lines;
        }

        static List<Line> parse(byte[] feed) {
            List<String> unfolded = new ArrayList<>();
            for (byte[] physical : physicalLines(feed)) {
                String text = new String(physical, StandardCharsets.UTF_8);
                if (text.startsWith(" ") || text.startsWith("\t")) {
                    assertThat(unfolded)
                            .as("a continuation needs a line to continue")
                            .isNotEmpty();
                    int last = unfolded.size() - 1;
                    unfolded.set(last, unfolded.get(last) + text.substring(1));
                } else {
                    unfolded.add(text);
                }
            }
            List<Line> lines = new ArrayList<>();
            for (String text : unfolded) {
                assertThat(text).matches("[A-Za-z0-9-]+(;[A-Za-z0-9-]+=[^:;]*)*:.*");
                int colon = text.indexOf(':');
                String head = text.substring(0, colon);
                String name = head.contains(";") ? head.substring(0, head.indexOf(';')) : head;
                lines.add(new Line(name, text.substring(colon + 1), text));
            }
            return lines;
        }

        /** The properties of each component named {@code name} (not nested), in order. */
        static List<Map<String, String>> components(List<Line> lines, String name) {
            List<Map<String, String>> components = new ArrayList<>();
            Map<String, String> current = null;
            for (Line line : lines) {
                if (line.name().equals("BEGIN") && line.value().equals(name)) {
                    assertThat(current).as("no nested " + name).isNull();
                    current = new LinkedHashMap<>();
                } else if (line.name().equals("END") && line.value().equals(name)) {
                    assertThat(current).as("END without BEGIN").isNotNull();
                    components.add(current);
                    current = null;
                } else if (current != null) {
                    assertThat(current.put(line.name(), line.value()))
                            .as("one " + line.name() + " per " + name)
                            .isNull();
                }
            }
            assertThat(current).as(name + " left open").isNull();
            return components;
        }

        /** TEXT values (RFC 5545 3.3.11): {@code \\n}, {@code \\,}, {@code \\;} and {@code \\\\}. */
        static String unescape(String value) {
            StringBuilder text = new StringBuilder();
            for (int index = 0; index < value.length(); index++) {
                char character = value.charAt(index);
                if (character == '\\' && index + 1 < value.length()) {
                    char next = value.charAt(++index);
                    text.append(next == 'n' || next == 'N' ? '\n' : next);
                } else {
                    text.append(character);
                }
            }
            return text.toString();
        }
    }
}
