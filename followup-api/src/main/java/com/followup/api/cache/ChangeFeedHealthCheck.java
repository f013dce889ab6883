package com.followup.api.cache;

import static java.util.Objects.requireNonNull;

import com.codahale.metrics.health.HealthCheck;

/**
 * Whether this server hears changes, and so serves cached reads (decision 0012). Healthy either way: without the feed
 * every read goes to the database, slower but right, so a load balancer should keep sending requests; the message
 * says which it is.
 */
public final class ChangeFeedHealthCheck extends HealthCheck {
    private final ChangeFeed changes;

    public ChangeFeedHealthCheck(ChangeFeed changes) {
        this.changes = requireNonNull(changes, "changes is null");
    }

    @Override
    protected Result check() {
        return changes.live()
                ? Result.healthy("Listening on channel " + ChangeFeed.CHANNEL + ": hot reads are cached")
                : Result.healthy("Not listening on channel " + ChangeFeed.CHANNEL
                        + ": every read goes to the database until the connection is back");
    }
}
