package com.followup.api.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.followup.api.audit.Audit;
import com.followup.api.auth.Role;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.cache.ChangeFeed;
import com.followup.api.db.JdbiInterviewRecords;
import com.followup.api.interviews.InterviewBodies.InterviewRequest;
import com.followup.api.interviews.InterviewBodies.InterviewerRequest;
import com.followup.api.interviews.Interviews;
import com.followup.api.policy.JdbiPolicyStore;
import com.followup.api.testing.MutableClock;
import com.followup.api.testing.TestApp;
import com.followup.api.webhooks.WebhookBodies.EndpointRequest;
import com.followup.core.model.InterviewFormat;
import com.followup.core.rules.PlanEvaluator;
import com.followup.core.testing.PostgresDatabaseExtension;
import io.dropwizard.db.DataSourceFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The watch on a real PostgreSQL with a clock the test moves: steps that become overdue and breaches are announced
 * once each, when they become true, and an endpoint registered late is not sent the past (decision 0036).
 */
class WebhookWatchTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = TestApp.migratedDatabase();

    private static final Instant START = Instant.parse("2026-03-10T15:00:00Z");
    private static final ObjectMapper JSON =
            new ObjectMapper().registerModule(new Jdk8Module()).registerModule(new JavaTimeModule());

    private static Jdbi jdbi;
    private static UserPrincipal admin;
    private static long candidateId;
    private static MutableClock clock;
    private static Interviews interviews;
    private static Webhooks webhooks;
    private static WebhookWatch watch;

    @BeforeAll
    static void setUp() {
        jdbi = TestApp.jdbi(DATABASE);
        jdbi.installPlugin(new PostgresPlugin());
        long adminId = TestApp.user(DATABASE, "admin@agency.example", "Admin", Role.ADMIN);
        admin = new UserPrincipal(adminId, "admin@agency.example", "Admin", Role.ADMIN, Optional.empty());
        candidateId = jdbi.withHandle(handle -> handle.createQuery(
                        "INSERT INTO candidates (name, email, zone) VALUES ('Ada', 'ada@example.net', 'Europe/Berlin')"
                                + " RETURNING id")
                .mapTo(Long.class)
                .one());
        clock = new MutableClock(START);
        ChangeFeed never = new ChangeFeed(new DataSourceFactory());
        JdbiPolicyStore policies = new JdbiPolicyStore(jdbi, JSON, ZoneId.of("Europe/London"), clock, never);
        JdbiInterviewRecords records = new JdbiInterviewRecords(jdbi);
        interviews = new Interviews(jdbi, new Audit(JSON, clock), records, policies, new PlanEvaluator(), clock, never);
        WebhooksConfiguration configuration = new WebhooksConfiguration();
        configuration.setAllowPrivateAddresses(true);
        webhooks = new Webhooks(jdbi, new Audit(JSON, clock), clock, configuration);
        watch = new WebhookWatch(jdbi, records, policies, new PlanEvaluator(), clock, Duration.ofDays(90));
    }

    private static long interviewEndedAgo(Duration ago) {
        Instant end = clock.instant().minus(ago);
        return interviews
                .create(
                        admin,
                        new InterviewRequest(
                                candidateId,
                                null,
                                "Acme",
                                "Engineer",
                                end.minus(Duration.ofHours(1)).atOffset(ZoneOffset.UTC),
                                end.atOffset(ZoneOffset.UTC),
                                InterviewFormat.VIDEO,
                                1,
                                List.of(new InterviewerRequest(null, "Ivy", "Lead", null, null, null)),
                                null))
                .id();
    }

    /** The bodies of the watch's events written so far, oldest first. */
    private static List<JsonNode> events() {
        List<JsonNode> found = new ArrayList<>();
        for (String body : jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT body FROM webhook_events WHERE type IN ('breach.detected', 'step.overdue',"
                                + " 'thread.closed') ORDER BY created_at, id")
                .mapTo(String.class)
                .list())) {
            try {
                found.add(JSON.readTree(body));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return found;
    }

    @Test
    void stepsBecomingOverdueAndBreachesAreAnnouncedOnceAndALateEndpointIsNotSentThePast() {
        // Nobody wants these events yet: nothing is evaluated or written.
        long before = interviewEndedAgo(Duration.ofDays(5));
        assertThat(watch.runOnce()).isZero();

        webhooks.create(
                admin,
                new EndpointRequest(
                        "http://127.0.0.1:9/hook", "", List.of("step.overdue", "breach.detected"), null, null));
        // The first pass records what is already true of the old interview, announcing none of it.
        assertThat(watch.runOnce()).isZero();
        assertThat(events()).isEmpty();

        long fresh = interviewEndedAgo(Duration.ofHours(1));
        watch.runOnce();
        assertThat(events())
                .as("nothing of the fresh interview is overdue an hour after it")
                .noneMatch(event -> event.get("type").asText().equals("step.overdue"));

        clock.advance(Duration.ofDays(3));
        watch.runOnce();
        List<JsonNode> afterThreeDays = events();
        assertThat(afterThreeDays)
                .filteredOn(event -> event.get("type").asText().equals("step.overdue"))
                .extracting(event -> event.get("data").get("step").asText() + " "
                        + event.get("data").get("state").asText())
                .contains("DEBRIEF OVERDUE", "THANK_YOU MISSED");
        assertThat(afterThreeDays)
                .filteredOn(event -> event.get("type").asText().equals("breach.detected"))
                .extracting(event -> event.get("data").get("rule").asText())
                .contains("R3", "R20");
        assertThat(afterThreeDays)
                .extracting(event -> event.get("data").get("interviewId").asLong())
                .containsOnly(fresh)
                .doesNotContain(before);

        // Once each: the same instant, and a day later, add nothing about what was announced.
        assertThat(watch.runOnce()).isZero();
        clock.advance(Duration.ofDays(1));
        watch.runOnce();
        List<String> keys = events().stream()
                .map(event -> event.get("type").asText() + " " + event.get("data"))
                .toList();
        assertThat(keys).doesNotHaveDuplicates();
    }
}
