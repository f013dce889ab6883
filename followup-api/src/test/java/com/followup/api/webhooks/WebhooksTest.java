package com.followup.api.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import com.followup.api.interviews.InterviewBodies.InterviewView;
import com.followup.api.interviews.InterviewBodies.InterviewerRequest;
import com.followup.api.interviews.Interviews;
import com.followup.api.problem.ErrorCode;
import com.followup.api.problem.ProblemException;
import com.followup.api.testing.MutableClock;
import com.followup.api.testing.TestApp;
import com.followup.api.webhooks.WebhookBodies.AttemptView;
import com.followup.api.webhooks.WebhookBodies.DeliveryView;
import com.followup.api.webhooks.WebhookBodies.EndpointRequest;
import com.followup.api.webhooks.WebhookBodies.IssuedSecret;
import com.followup.core.model.InterviewFormat;
import com.followup.core.policy.AgencyPolicy;
import com.followup.core.rules.PlanEvaluator;
import com.followup.core.testing.PostgresDatabaseExtension;
import io.dropwizard.db.DataSourceFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Webhooks end to end on a real PostgreSQL against a real HTTP receiver on loopback (decision 0036): the signature
 * checked by a verifier written here from the Standard Webhooks specification, retries under one id, nothing for a
 * rolled-back change, one delivery per attempt with two senders, the refusal of internal addresses.
 */
class WebhooksTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = TestApp.migratedDatabase();

    private static final Instant START = Instant.parse("2026-03-10T09:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Jdbi jdbi;
    private static UserPrincipal admin;
    private static long adminId;
    private static long candidateId;
    private static Receiver receiver;
    private MutableClock clock;
    private WebhooksConfiguration configuration;
    private Webhooks webhooks;
    private WebhookSender sender;

    @BeforeAll
    static void setUp() {
        jdbi = TestApp.jdbi(DATABASE);
        jdbi.installPlugin(new PostgresPlugin());
        adminId = TestApp.user(DATABASE, "admin@agency.example", "Admin", Role.ADMIN);
        admin = new UserPrincipal(adminId, "admin@agency.example", "Admin", Role.ADMIN, Optional.empty());
        candidateId = jdbi.withHandle(handle -> handle.createQuery(
                        "INSERT INTO candidates (name, email, zone) VALUES ('Ada', 'ada@example.net', 'Europe/Berlin')"
                                + " RETURNING id")
                .mapTo(Long.class)
                .one());
        receiver = new Receiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @BeforeEach
    void freshEndpoints() {
        jdbi.useHandle(handle -> {
            handle.execute("DELETE FROM webhook_endpoints");
            handle.execute("DELETE FROM webhook_events");
            handle.execute("DELETE FROM outbox WHERE kind = 'WEBHOOK_ALERT'");
        });
        receiver.reset();
        clock = new MutableClock(START);
        configuration = new WebhooksConfiguration();
        configuration.setAllowPrivateAddresses(true);
        configuration.setFirstRetryDelay(Duration.ofMinutes(1));
        configuration.setRequestTimeout(Duration.ofSeconds(5));
        webhooks = new Webhooks(jdbi, audit(), clock, configuration);
        sender = new WebhookSender(jdbi, clock, configuration, "http://localhost:8080");
    }

    private Audit audit() {
        return new Audit(
                new ObjectMapper().registerModule(new Jdk8Module()).registerModule(new JavaTimeModule()), clock);
    }

    private IssuedSecret endpoint(String... events) {
        return webhooks.create(admin, new EndpointRequest(receiver.url(), "the ATS", List.of(events), null, null));
    }

    private void emit(WebhookEventType type, Map<String, ?> data) {
        jdbi.useTransaction(handle -> WebhookEvents.emit(handle, type, data));
    }

    // ---- the verifier, written from the specification (standardwebhooks.com), not from the code under test

    /** True when one of the space-separated {@code v1,} signatures is HMAC-SHA256(secret, id.timestamp.body). */
    static boolean verifies(String secret, Receiver.Received message) throws Exception {
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(key, "HmacSHA256"));
        byte[] expected = hmac.doFinal(
                (message.id() + "." + message.timestamp() + "." + message.body()).getBytes(StandardCharsets.UTF_8));
        for (String entry : message.signature().split(" ")) {
            String[] parts = entry.split(",", 2);
            if (parts.length == 2
                    && parts[0].equals("v1")
                    && MessageDigest.isEqual(expected, Base64.getDecoder().decode(parts[1]))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void anInterviewCreatedThroughTheServiceArrivesSignedByTheEndpointsSecret() throws Exception {
        IssuedSecret issued = endpoint("interview.created");
        assertThat(issued.secret()).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(issued.secret().substring(6))).hasSizeGreaterThanOrEqualTo(24);
        Interviews interviews = new Interviews(
                jdbi,
                audit(),
                new JdbiInterviewRecords(jdbi),
                () -> AgencyPolicy.defaults(ZoneId.of("Europe/Berlin")),
                new PlanEvaluator(),
                clock,
                new ChangeFeed(new DataSourceFactory()));
        InterviewView created = interviews.create(
                admin,
                new InterviewRequest(
                        candidateId,
                        null,
                        "Acme",
                        "Engineer",
                        START.minus(Duration.ofHours(2)).atOffset(ZoneOffset.UTC),
                        START.minus(Duration.ofHours(1)).atOffset(ZoneOffset.UTC),
                        InterviewFormat.VIDEO,
                        1,
                        List.of(new InterviewerRequest(null, "Ivy", "Lead", null, null, null)),
                        null));

        assertThat(sender.runOnce()).isEqualTo(1);

        assertThat(receiver.received()).hasSize(1);
        Receiver.Received message = receiver.received().get(0);
        assertThat(message.id()).startsWith("msg_");
        assertThat(message.contentType()).isEqualTo("application/json");
        assertThat(Long.parseLong(message.timestamp())).isEqualTo(START.getEpochSecond());
        assertThat(verifies(issued.secret(), message)).isTrue();
        assertThat(verifies(Signatures.newSecret(), message)).isFalse();
        JsonNode body = JSON.readTree(message.body());
        assertThat(body.get("type").asText()).isEqualTo("interview.created");
        assertThat(body.get("data").get("interviewId").asLong()).isEqualTo(created.id());
        assertThat(body.get("data").get("candidateId").asLong()).isEqualTo(candidateId);
        // A tampered body no longer verifies.
        Receiver.Received tampered = new Receiver.Received(
                message.id(), message.timestamp(), message.signature(), message.contentType(), message.body() + " ");
        assertThat(verifies(issued.secret(), tampered)).isFalse();
        assertThat(webhooks.deliveries(admin, issued.endpoint().id()))
                .singleElement()
                .satisfies(delivery -> assertThat(delivery.state()).isEqualTo("DELIVERED"));
    }

    @Test
    void aReceiverFailingTwiceGetsTheEventThreeTimesWithTheSameIdAfterGrowingWaits() throws Exception {
        IssuedSecret issued = endpoint("touch.logged");
        receiver.answer(500, 503, 200);
        emit(WebhookEventType.TOUCH_LOGGED, Map.of("interviewId", 7, "touchId", 9));

        assertThat(sender.runOnce()).isZero();
        assertThat(receiver.received()).hasSize(1);
        // Not due again before the first wait (between half of a minute and a minute) has passed.
        assertThat(sender.runOnce()).isZero();
        assertThat(receiver.received()).hasSize(1);
        clock.advance(Duration.ofMinutes(1));
        assertThat(sender.runOnce()).isZero();
        assertThat(receiver.received()).hasSize(2);
        // The second wait is doubled: a minute is not always enough, two are.
        clock.advance(Duration.ofMinutes(2));
        assertThat(sender.runOnce()).isEqualTo(1);

        List<Receiver.Received> got = receiver.received();
        assertThat(got).hasSize(3);
        assertThat(got)
                .extracting(Receiver.Received::id)
                .containsOnly(got.get(0).id());
        assertThat(got)
                .extracting(Receiver.Received::body)
                .containsOnly(got.get(0).body());
        for (Receiver.Received message : got) {
            assertThat(verifies(issued.secret(), message)).isTrue();
        }
        List<AttemptView> log = webhooks.attempts(admin, issued.endpoint().id());
        assertThat(log).extracting(attempt -> attempt.status().orElseThrow()).containsExactly(200, 503, 500);
        assertThat(log.get(2).error())
                .hasValueSatisfying(
                        error -> assertThat(error).contains("HTTP 500").contains("receiver is down"));
        DeliveryView delivery =
                webhooks.deliveries(admin, issued.endpoint().id()).get(0);
        assertThat(delivery.state()).isEqualTo("DELIVERED");
        assertThat(delivery.attempts()).isEqualTo(3);
        assertThat(sender.runOnce()).isZero();
        assertThat(receiver.received()).hasSize(3);
    }

    private static long count(String table) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT count(*) FROM " + table)
                .mapTo(Long.class)
                .one());
    }

    @Test
    void aRolledBackChangeSendsNothing() {
        endpoint("reply.logged");
        assertThatThrownBy(() -> jdbi.useTransaction(handle -> {
                    WebhookEvents.emit(handle, WebhookEventType.REPLY_LOGGED, Map.of("interviewId", 1));
                    throw new IllegalStateException("the change failed after its event was written");
                }))
                .isInstanceOf(IllegalStateException.class);

        assertThat(sender.runOnce()).isZero();
        assertThat(receiver.received()).isEmpty();
        assertThat(count("webhook_events")).isZero();
        // The same event in a transaction that commits goes out.
        emit(WebhookEventType.REPLY_LOGGED, Map.of("interviewId", 1));
        assertThat(sender.runOnce()).isEqualTo(1);
    }

    @Test
    void onlyTheEventsAnEndpointAskedForAreSentToIt() throws Exception {
        endpoint("touch.logged");
        emit(WebhookEventType.INTERVIEW_CREATED, Map.of("interviewId", 1));
        emit(WebhookEventType.TOUCH_LOGGED, Map.of("interviewId", 1));
        assertThat(sender.runOnce()).isEqualTo(1);
        assertThat(JSON.readTree(receiver.received().get(0).body()).get("type").asText())
                .isEqualTo("touch.logged");
    }

    @Test
    void twoServersDeliverEachAttemptOnce() throws Exception {
        endpoint("touch.logged");
        IssuedSecret second = endpoint("touch.logged");
        int events = 30;
        for (int index = 0; index < events; index++) {
            emit(WebhookEventType.TOUCH_LOGGED, Map.of("touchId", index));
        }
        receiver.delay(Duration.ofMillis(15));
        WebhookSender other = new WebhookSender(jdbi, clock, configuration, "http://localhost:8080");
        ExecutorService servers = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Integer>> drains = new ArrayList<>();
            for (WebhookSender server : List.of(sender, other)) {
                drains.add(() -> {
                    int delivered = 0;
                    for (int run = server.runOnce(); run > 0; run = server.runOnce()) {
                        delivered += run;
                    }
                    return delivered;
                });
            }
            int delivered = 0;
            List<Integer> perServer = new ArrayList<>();
            for (Future<Integer> drain : servers.invokeAll(drains)) {
                perServer.add(drain.get());
                delivered += drain.get();
            }
            assertThat(delivered).isEqualTo(2 * events);
            // Each event reached each of the two endpoints once: 2 copies of each id in all, none more.
            assertThat(receiver.received()).hasSize(2 * events);
            assertThat(receiver.countsById()).hasSize(events).allSatisfy((id, count) -> assertThat(count)
                    .isEqualTo(2));
            assertThat(webhooks.attempts(admin, second.endpoint().id())).hasSize(events);
        } finally {
            servers.shutdownNow();
        }
    }

    @Test
    void internalAddressesAreRefusedUnlessAllowed() {
        configuration.setAllowPrivateAddresses(false);
        Webhooks strict = new Webhooks(jdbi, audit(), clock, configuration);
        for (String url : List.of(
                "http://127.0.0.1:9/hook",
                "http://10.1.2.3/hook",
                "https://169.254.169.254/latest/meta-data",
                "http://192.168.0.10/",
                "http://[::1]/hook",
                "http://0.0.0.0/",
                "http://localhost/hook")) {
            assertThatThrownBy(() ->
                            strict.create(admin, new EndpointRequest(url, "", List.of("touch.logged"), null, null)))
                    .as(url)
                    .isInstanceOfSatisfying(ProblemException.class, e -> {
                        assertThat(e.problem().code()).isEqualTo(ErrorCode.WEBHOOK_URL_REFUSED.code());
                        assertThat(e.problem().detail()).contains("private, loopback or link-local");
                    });
        }
        assertThatThrownBy(() -> strict.create(
                        admin, new EndpointRequest("ftp://example.com/x", "", List.of("touch.logged"), null, null)))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> assertThat(e.problem().detail()).contains("https:// or http://"));
        assertThatThrownBy(() -> strict.create(
                        admin, new EndpointRequest("https://example.com/x", "", List.of("touch.logd"), null, null)))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> assertThat(e.problem().code()).isEqualTo(ErrorCode.UNKNOWN_EVENT_TYPE.code()));
        assertThat(count("webhook_endpoints")).isZero();
    }

    @Test
    void aSenderThatMayNotCallInternalAddressesRefusesAtDeliveryTime() {
        IssuedSecret issued = endpoint("touch.logged");
        emit(WebhookEventType.TOUCH_LOGGED, Map.of("touchId", 1));
        configuration.setAllowPrivateAddresses(false);
        WebhookSender strict = new WebhookSender(jdbi, clock, configuration, "http://localhost:8080");

        assertThat(strict.runOnce()).isZero();

        assertThat(receiver.received()).isEmpty();
        assertThat(webhooks.attempts(admin, issued.endpoint().id()))
                .singleElement()
                .satisfies(attempt -> {
                    assertThat(attempt.status()).isEmpty();
                    assertThat(attempt.error())
                            .hasValueSatisfying(error ->
                                    assertThat(error).contains("not sent").contains("127.0.0.1"));
                });
    }

    @Test
    void aRotatedSecretSignsNextToTheOldOneDuringTheOverlapOnly() throws Exception {
        IssuedSecret first = endpoint("touch.logged");
        IssuedSecret rotated = webhooks.rotateSecret(admin, first.endpoint().id());
        assertThat(rotated.secret()).isNotEqualTo(first.secret());
        assertThat(rotated.endpoint().previousSecretValidUntil()).contains(START.plus(Duration.ofHours(24)));

        emit(WebhookEventType.TOUCH_LOGGED, Map.of("touchId", 1));
        sender.runOnce();
        Receiver.Received during = receiver.received().get(0);
        assertThat(during.signature().split(" ")).hasSize(2);
        assertThat(verifies(first.secret(), during)).isTrue();
        assertThat(verifies(rotated.secret(), during)).isTrue();

        clock.advance(Duration.ofHours(24).plusSeconds(1));
        emit(WebhookEventType.TOUCH_LOGGED, Map.of("touchId", 2));
        sender.runOnce();
        Receiver.Received after = receiver.received().get(1);
        assertThat(after.signature().split(" ")).hasSize(1);
        assertThat(verifies(rotated.secret(), after)).isTrue();
        assertThat(verifies(first.secret(), after)).isFalse();
    }

    @Test
    void anEndpointFailingForADayIsDisabledAndTheAdminsAreToldOnce() {
        IssuedSecret issued = endpoint("touch.logged");
        emit(WebhookEventType.TOUCH_LOGGED, Map.of("touchId", 1));
        for (int index = 0; index < 40; index++) {
            receiver.answer(500);
        }
        sender.runOnce();
        for (int hour = 0; hour < 30; hour += 3) {
            clock.advance(Duration.ofHours(3));
            sender.runOnce();
        }

        var endpoint = webhooks.get(admin, issued.endpoint().id());
        assertThat(endpoint.enabled()).isFalse();
        assertThat(endpoint.disabledReason())
                .hasValueSatisfying(
                        reason -> assertThat(reason).contains("24 hours").contains("HTTP 500"));
        int sentBeforeDisabled = receiver.received().size();
        clock.advance(Duration.ofHours(3));
        assertThat(sender.runOnce()).isZero();
        assertThat(receiver.received()).hasSize(sentBeforeDisabled);
        List<String> alerts = jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT recipient_email || ': ' || body_text FROM outbox WHERE kind = 'WEBHOOK_ALERT'")
                .mapTo(String.class)
                .list());
        assertThat(alerts).singleElement().satisfies(alert -> assertThat(alert)
                .startsWith("admin@agency.example: ")
                .contains(receiver.url())
                .contains("/admin/webhooks/" + issued.endpoint().id()));

        // Turned on again, the waiting event goes out with its id.
        receiver.reset();
        webhooks.update(
                admin,
                endpoint.id(),
                new EndpointRequest(
                        endpoint.url(), endpoint.description(), endpoint.events(), true, endpoint.version()));
        assertThat(webhooks.get(admin, endpoint.id()).failingSince()).isEmpty();
        assertThat(sender.runOnce()).isEqualTo(1);
    }

    @Test
    void aRedeliveryCarriesTheSameIdAgain() {
        IssuedSecret issued = endpoint("outcome.recorded");
        emit(WebhookEventType.OUTCOME_RECORDED, Map.of("interviewId", 3, "kind", "OFFER"));
        sender.runOnce();
        DeliveryView first = webhooks.deliveries(admin, issued.endpoint().id()).get(0);

        DeliveryView again = webhooks.redeliver(admin, first.id());
        assertThat(again.id()).isNotEqualTo(first.id());
        assertThat(sender.runOnce()).isEqualTo(1);

        assertThat(receiver.received()).hasSize(2);
        assertThat(receiver.received().get(1).id())
                .isEqualTo(receiver.received().get(0).id());
        assertThat(receiver.received().get(1).body())
                .isEqualTo(receiver.received().get(0).body());
    }

    @Test
    void onlyAnAdminSeesWebhooks() {
        endpoint("touch.logged");
        UserPrincipal recruiter = new UserPrincipal(
                TestApp.user(DATABASE, "rita@agency.example", "Rita", Role.RECRUITER),
                "rita@agency.example",
                "Rita",
                Role.RECRUITER,
                Optional.empty());
        assertThatThrownBy(() -> webhooks.list(recruiter))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> assertThat(e.problem().status()).isEqualTo(404));
    }
}
