package com.followup.api.cache;

import static java.util.Objects.requireNonNull;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import java.util.Set;

/**
 * Read-your-writes on this server: once a request that may write is answered (its transaction has committed), the
 * read caches drop what they hold, before the caller can send its next request, without waiting for the database's
 * notification of the same write.
 */
public final class LocalWrites implements ContainerResponseFilter {
    private static final Set<String> READ_ONLY = Set.of("GET", "HEAD", "OPTIONS");

    private final ChangeFeed changes;

    public LocalWrites(ChangeFeed changes) {
        this.changes = requireNonNull(changes, "changes is null");
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!READ_ONLY.contains(request.getMethod())) {
            changes.changed();
        }
    }
}
