package com.followup.api.webhooks;

import com.followup.api.auth.Role;
import com.followup.api.testing.TestApp;
import com.followup.core.testing.PostgresDatabaseExtension;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The figures of decision 0036: what an event costs the change that writes it, with no endpoint and with two, and
 * how fast two senders drain a backlog. Not part of the normal test run (the name does not end in Test):
 * {@code ./mvnw -B -o -pl followup-api -am verify -Dtest=WebhookMeasurement -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class WebhookMeasurement {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = TestApp.migratedDatabase();

    @Test
    void measure() throws Exception {
        Jdbi jdbi = TestApp.jdbi(DATABASE);
        jdbi.installPlugin(new PostgresPlugin());
        long admin = TestApp.user(DATABASE, "admin@agency.example", "Admin", Role.ADMIN);
        Map<String, Object> data = Map.of("interviewId", 42, "touchId", 7, "kind", "THANK_YOU", "channel", "EMAIL");
        int writes = 2000;
        // Warm up, then time a transaction with and without the emit, so only the emit's own cost is compared.
        for (int i = 0; i < 500; i++) {
            jdbi.useTransaction(handle -> WebhookEvents.emit(handle, WebhookEventType.TOUCH_LOGGED, data));
        }
        long bare = time(() -> jdbi.useTransaction(handle -> handle.execute("SELECT 1")), writes);
        long none = time(
                () -> jdbi.useTransaction(handle -> {
                    handle.execute("SELECT 1");
                    WebhookEvents.emit(handle, WebhookEventType.TOUCH_LOGGED, data);
                }),
                writes);
        try (Receiver receiver = new Receiver()) {
            WebhooksConfiguration configuration = new WebhooksConfiguration();
            configuration.setAllowPrivateAddresses(true);
            Webhooks webhooks = new Webhooks(
                    jdbi,
                    new com.followup.api.audit.Audit(
                            new com.fasterxml.jackson.databind.ObjectMapper(), Clock.systemUTC()),
                    Clock.systemUTC(),
                    configuration);
            var user = new com.followup.api.auth.UserPrincipal(
                    admin, "admin@agency.example", "Admin", Role.ADMIN, java.util.Optional.empty());
            for (int i = 0; i < 2; i++) {
                webhooks.create(
                        user,
                        new WebhookBodies.EndpointRequest(receiver.url(), "", List.of("touch.logged"), null, null));
            }
            long two = time(
                    () -> jdbi.useTransaction(handle -> {
                        handle.execute("SELECT 1");
                        WebhookEvents.emit(handle, WebhookEventType.TOUCH_LOGGED, data);
                    }),
                    writes);
            System.out.printf(
                    "transaction alone %.3f ms, with an emit and no endpoint %.3f ms, with an emit to two endpoints %.3f ms%n",
                    bare / 1e6 / writes, none / 1e6 / writes, two / 1e6 / writes);
            // Drain the 4,000 deliveries just written with two senders, the receiver answering at once.
            WebhookSender first = new WebhookSender(jdbi, Clock.systemUTC(), configuration, "http://localhost");
            WebhookSender second = new WebhookSender(jdbi, Clock.systemUTC(), configuration, "http://localhost");
            long start = System.nanoTime();
            Thread other = new Thread(() -> {
                while (second.runOnce() > 0) {}
            });
            other.start();
            while (first.runOnce() > 0) {}
            other.join();
            long took = System.nanoTime() - start;
            System.out.printf(
                    "two senders delivered %d requests in %.1f s (%.0f a second), %d distinct ids, %d duplicates%n",
                    receiver.received().size(),
                    took / 1e9,
                    receiver.received().size() / (took / 1e9),
                    receiver.countsById().size(),
                    receiver.countsById().values().stream()
                            .mapToLong(count -> count - 2)
                            .filter(extra -> extra > 0)
                            .sum());
        }
    }

    private static long time(Runnable write, int times) {
        long start = System.nanoTime();
        for (int i = 0; i < times; i++) {
            write.run();
        }
        return System.nanoTime() - start;
    }
}
