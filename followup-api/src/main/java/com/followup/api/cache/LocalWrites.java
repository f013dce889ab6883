package com.followup.api.cache;

import static java.util.Objects.requireNonNull;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import java.lang.reflect.Method;

/**
 * Read-your-writes on this server: once a request that may write is answered (its transaction has committed), the
 * read caches drop what they hold, before the caller can send its next request, without waiting for the database's
 * notification of the same write. Every resource method but GET, HEAD, OPTIONS and those marked
 * {@link WritesNothing} counts as a write.
 */
public final class LocalWrites implements DynamicFeature {
    private final ChangeFeed changes;

    public LocalWrites(ChangeFeed changes) {
        this.changes = requireNonNull(changes, "changes is null");
    }

    @Override
    public void configure(ResourceInfo resourceInfo, FeatureContext context) {
        if (mayWrite(resourceInfo.getResourceMethod())) {
            context.register(new AfterWrite(changes), ContainerResponseFilter.class);
        }
    }

    private record AfterWrite(ChangeFeed changes) implements ContainerResponseFilter {
        @Override
        public void filter(ContainerRequestContext request, ContainerResponseContext response) {
            changes.changed();
        }
    }

    static boolean mayWrite(Method method) {
        return !(method.isAnnotationPresent(GET.class)
                || method.isAnnotationPresent(HEAD.class)
                || method.isAnnotationPresent(OPTIONS.class)
                || method.isAnnotationPresent(WritesNothing.class));
    }
}
