package com.followup.api.webhooks;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass of the webhook job: the watch (at most every {@code watchInterval}), then the sender, each tried on its own
 * so a failing watch never keeps events from being delivered. Run by a {@link com.followup.api.jobs.PeriodicJob}.
 */
public final class WebhookJobs {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookJobs.class);

    private final WebhookWatch watch;
    private final WebhookSender sender;
    private final Clock clock;
    private final Duration watchInterval;
    private Instant nextWatch = Instant.MIN;

    public WebhookJobs(WebhookWatch watch, WebhookSender sender, Clock clock, Duration watchInterval) {
        this.watch = requireNonNull(watch, "watch is null");
        this.sender = requireNonNull(sender, "sender is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.watchInterval = requireNonNull(watchInterval, "watchInterval is null");
    }

    public void tick() {
        Instant now = clock.instant();
        if (!now.isBefore(nextWatch)) {
            nextWatch = now.plus(watchInterval);
            try {
                watch.runOnce();
            } catch (RuntimeException e) {
                LOG.error("Watching plans for webhook events failed", e);
            }
        }
        if (Thread.currentThread().isInterrupted()) {
            return;
        }
        try {
            sender.runOnce();
        } catch (RuntimeException e) {
            LOG.error("Delivering webhook events failed", e);
        }
    }
}
