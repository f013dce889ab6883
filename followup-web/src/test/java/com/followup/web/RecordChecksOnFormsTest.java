package com.followup.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.followup.api.FollowupConfiguration;
import com.followup.api.testing.CoreChecks;
import com.followup.api.testing.TestApi;
import com.followup.api.testing.TestApp;
import com.followup.core.testing.PostgresDatabaseExtension;
import com.followup.web.testing.PortalApp;
import com.followup.web.testing.PortalApp.Cast;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The portal's door of decision 0021 (issue 14): for each check of the core's stored records, the form that could send
 * such a record refuses it (400), shows the error next to the field, and stores nothing. The API's door and the
 * database's are followup-api's {@code RecordChecksTest}; the rows here are the same checks ({@link CoreChecks}), each
 * with its form or the reason no form can send it.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class RecordChecksOnFormsTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = TestApp.migratedDatabase();

    static final DropwizardAppExtension<FollowupConfiguration> APP = PortalApp.app(DATABASE);

    private static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final String BLANK = "\u2003"; // an em space: white space to Java, not to @NotBlank or trim()
    static final OffsetDateTime END =
            OffsetDateTime.now(ZoneOffset.UTC).minusDays(3).truncatedTo(ChronoUnit.MINUTES);

    static Cast cast;
    static Ids ids;

    /** Cara's interview at Forms Ltd with Fay, and Eli, who interviewed Bo at another company. */
    record Ids(long interview, long company, long fay, long eli) {}

    /** A form post: who sends it, where, its fields; the id of the error element the page must show. */
    record Post(String user, String path, Map<String, String> fields, String errorId) {}

    record Row(String check, Optional<Function<Ids, Post>> form, String why) {
        @Override
        public String toString() {
            return check;
        }
    }

    static Row form(String check, Function<Ids, Post> post) {
        return new Row(check, Optional.of(post), null);
    }

    static Row noForm(String check, String why) {
        return new Row(check, Optional.empty(), why);
    }

    static String local(OffsetDateTime instant) {
        return instant.atZoneSameInstant(BERLIN).toLocalDateTime().toString();
    }

    static Map<String, String> fields(String... namesAndValues) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int index = 0; index < namesAndValues.length; index += 2) {
            form.put(namesAndValues[index], namesAndValues[index + 1]);
        }
        return form;
    }

    /** The new-interview form as Cara fills it in, with {@code changes}. */
    static Post newInterview(String errorField, String... changes) {
        Map<String, String> form = fields(
                "companyName", "Forms Ltd",
                "role", "Analyst",
                "start", local(END.minusHours(1)),
                "end", local(END),
                "format", "VIDEO",
                "round", "1",
                "rows", "2",
                "interviewers[0].name", "Fay Former",
                "action", "save");
        form.putAll(fields(changes));
        return new Post(Cast.CARA, "/interviews/new", form, "f-interview-" + errorField + "-error");
    }

    static final String SERVER_ASSIGNS = "the server assigns ids; a form only refers to rows by them";
    static final String LOADER_JOINS = "the loader reads the interview's company and candidate through its own keys";

    static final List<Row> ROWS = List.of(
            form(
                    "Candidate.blankName",
                    ids -> new Post(
                            Cast.ADMIN,
                            "/admin/users",
                            fields(
                                    "email", "blank-form@example.test",
                                    "displayName", BLANK,
                                    "role", "CANDIDATE",
                                    "password", TestApp.PASSWORD,
                                    "zone", "Europe/Berlin"),
                            "f-user-displayName-error")),
            form("ClientCompany.blankName", ids -> newInterview("companyName", "companyName", BLANK)),
            form("Contact.blankName", ids -> newInterview("interviewers-0--name", "interviewers[0].name", BLANK)),
            form(
                    "Contact.notAnEmailAddress",
                    ids -> newInterview(
                            "interviewers-0--businessEmail", "interviewers[0].businessEmail", "@forms.test")),
            form("Interview.endNotAfterStart", ids -> newInterview("end", "end", local(END.minusHours(1)))),
            form("Interview.roundBelowOne", ids -> newInterview("round", "round", "0")),
            form("Interview.noInterviewers", ids -> newInterview("interviewers-0--name", "interviewers[0].name", "")),
            noForm(
                    "Interview.interviewerListedTwice",
                    "each row of the interview form is a new person; no form names a known contact twice"),
            form(
                    "CompanyOverrides.nonPositiveSpacing",
                    ids -> new Post(
                            Cast.ADMIN,
                            "/companies/" + ids.company() + "/overrides",
                            fields("spacingDays", "0"),
                            "f-overrides-spacingDays-error")),
            form(
                    "CompanyOverrides.statusCheckLimitBelowOne",
                    ids -> new Post(
                            Cast.ADMIN,
                            "/companies/" + ids.company() + "/overrides",
                            fields("statusCheckLimit", "0"),
                            "f-overrides-statusCheckLimit-error")),
            form(
                    "Timeline.nonPositiveSpacing",
                    ids -> new Post(
                            Cast.CARA,
                            "/interviews/" + ids.interview() + "/timeline",
                            fields("spacingDays", "0"),
                            "f-timeline-spacingDays-error")),
            form(
                    "Touch.channelMismatch",
                    ids -> new Post(
                            Cast.CARA,
                            "/interviews/" + ids.interview() + "/touches",
                            fields(
                                    "kind", "LINKEDIN_CONNECTION",
                                    "channel", "EMAIL",
                                    "recipientId", Long.toString(ids.fay()),
                                    "sentAt", local(END.plusHours(3)),
                                    "confirmed", "yes"),
                            "f-touch-channel-error")),
            form(
                    "Reply.misplacedDecisionDate",
                    ids -> new Post(
                            Cast.CARA,
                            "/interviews/" + ids.interview() + "/replies",
                            fields(
                                    "fromContactId", Long.toString(ids.fay()),
                                    "kind", "ACKNOWLEDGEMENT",
                                    "receivedAt", local(END.plusDays(1)),
                                    "newDecisionDate",
                                            END.toLocalDate().plusDays(14).toString()),
                            "f-reply-newDecisionDate-error")),
            form(
                    "InterviewRecord.contactOfAnotherCompany",
                    ids -> new Post(
                            Cast.CARA,
                            "/interviews/" + ids.interview() + "/touches",
                            fields(
                                    "kind",
                                    "STATUS_CHECK",
                                    "channel",
                                    "EMAIL",
                                    "recipientId",
                                    Long.toString(ids.eli()),
                                    "sentAt",
                                    local(END.plusHours(3))),
                            "f-touch-recipientId-error")),
            form(
                    "InterviewRecord.unknownContact",
                    ids -> new Post(
                            Cast.CARA,
                            "/interviews/" + ids.interview() + "/replies",
                            fields(
                                    "fromContactId", "987654321",
                                    "kind", "ACKNOWLEDGEMENT",
                                    "receivedAt", local(END.plusDays(1))),
                            "f-reply-fromContactId-error")),
            noForm("InterviewRecord.otherCompany", LOADER_JOINS),
            noForm("InterviewRecord.otherCandidate", LOADER_JOINS),
            noForm("InterviewId.notPositive", SERVER_ASSIGNS),
            noForm("CandidateId.notPositive", SERVER_ASSIGNS),
            noForm("CompanyId.notPositive", SERVER_ASSIGNS),
            noForm("ContactId.notPositive", SERVER_ASSIGNS),
            noForm("TouchId.notPositive", SERVER_ASSIGNS),
            noForm("ReplyId.notPositive", SERVER_ASSIGNS));

    final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void setUp() {
        cast = Cast.create(DATABASE, APP);
        long interview = cast.interview(Cast.CARA, "Forms Ltd", END, "Fay Former");
        TestApi.Reply shown = cast.api().get(cast.admin(), "/api/interviews/" + interview);
        long elsewhere = cast.interview(Cast.BO, "Elsewhere Ltd", END, "Eli Elsewhere");
        long eli = cast.api()
                .get(cast.admin(), "/api/interviews/" + elsewhere)
                .json()
                .at("/interviewers/0/contactId")
                .asLong();
        ids = new Ids(
                interview,
                shown.json().get("companyId").asLong(),
                shown.json().at("/interviewers/0/contactId").asLong(),
                eli);
    }

    static Stream<Row> rows() {
        return ROWS.stream();
    }

    @Test
    void everyCheckOfTheCoreHasARow() {
        assertThat(new TreeSet<>(ROWS.stream().map(Row::check).toList()))
                .as("one row per check of the core's model: its form, or why no form can send it")
                .isEqualTo(CoreChecks.names());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void theFormRefusesItNextToTheField(Row row) {
        if (row.form().isEmpty()) {
            assertThat(row.why()).as("a check no form can send says why").isNotBlank();
            return;
        }
        Post post = row.form().get().apply(ids);
        String cookie = login(post.user());
        Map<String, String> form = new LinkedHashMap<>();
        form.put("_csrf", csrf(get(cookie, "/interviews/" + ids.interview())));
        form.putAll(post.fields());
        String before = stored();

        HttpResponse<String> response = post(cookie, post.path(), form);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).containsPattern("id=\"" + Pattern.quote(post.errorId()) + "\">[^<]*\\w");
        assertThat(stored()).as("nothing is stored").isEqualTo(before);
        assertThat(get(login(Cast.CARA), "/interviews/" + ids.interview()).statusCode())
                .isEqualTo(200);
    }

    /** What the API shows of the records the forms could touch: unchanged after a refusal. */
    private static String stored() {
        return Stream.of(
                        "/api/interviews/" + ids.interview(),
                        "/api/interviews/" + ids.interview() + "/touches",
                        "/api/interviews/" + ids.interview() + "/replies",
                        "/api/companies/" + ids.company(),
                        "/api/interviews?limit=100",
                        "/api/candidates?limit=100",
                        "/api/companies?limit=100")
                .map(path -> cast.api().get(cast.admin(), path).raw().body())
                .collect(Collectors.joining("\n"));
    }

    // ---- plain HTTP as a browser does it

    private String login(String email) {
        HttpResponse<String> login = post(null, "/login", fields("email", email, "password", TestApp.PASSWORD));
        assertThat(login.statusCode()).isEqualTo(303);
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private static String csrf(HttpResponse<String> page) {
        Matcher matcher = CSRF.matcher(page.body());
        assertThat(matcher.find()).as("the page carries the CSRF token").isTrue();
        return matcher.group(1);
    }

    private HttpResponse<String> get(String cookie, String path) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(PortalApp.base(APP) + path)).GET();
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return send(request.build());
    }

    private HttpResponse<String> post(String cookie, String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(entry -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(PortalApp.base(APP) + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return send(request.build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException stalePooledConnection) {
                // As in TestApi: the server may close a kept-alive connection after refusing a request early.
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
