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
import java.security.Principal;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read-your-writes on this server: once a request that may write is answered (its transaction has committed), the
 * caller's next reads skip the answers read before it, without waiting for the database's notification of the same
 * write (which then marks the answers about what changed, for everyone; issue 18). Every resource method but GET, HEAD,
 * OPTIONS and those marked {@link WritesNothing} counts as a write; its answer waits until this server has heard its
 * notifications ({@link ChangeFeed#awaitChangesHeard}), unless it is marked {@link MarksItsChanges}.
 */
public final class LocalWrites implements DynamicFeature {
    private final ChangeFeed changes;
    private final ToLongFunction<Principal> userIdOf;

    /**
     * {@code userIdOf}: the id of the user a request's principal is ({@link ReadCache#ANYONE} for none), given by the
     * application so that the caches know nothing of how callers authenticate.
     */
    public LocalWrites(ChangeFeed changes, ToLongFunction<Principal> userIdOf) {
        this.changes = requireNonNull(changes, "changes is null");
        this.userIdOf = requireNonNull(userIdOf, "userIdOf is null");
    }

    @Override
    public void configure(ResourceInfo resourceInfo, FeatureContext context) {
        Method method = resourceInfo.getResourceMethod();
        if (mayWrite(method)) {
            context.register(
                    new AfterWrite(changes, userIdOf, !method.isAnnotationPresent(MarksItsChanges.class)),
                    ContainerResponseFilter.class);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(LocalWrites.class);
    private static final Duration HEARD_WITHIN = Duration.ofSeconds(2);

    /** {@code awaitHeard}: false for a method that marks what it changed itself ({@link MarksItsChanges}). */
    private record AfterWrite(ChangeFeed changes, ToLongFunction<Principal> userIdOf, boolean awaitHeard)
            implements ContainerResponseFilter {
        @Override
        public void filter(ContainerRequestContext request, ContainerResponseContext response) {
            // The writer's own next reads skip older answers; everyone else's wait for the database's notification,
            // which names what changed (issue 18).
            Principal principal = request.getSecurityContext() == null
                    ? null
                    : request.getSecurityContext().getUserPrincipal();
            changes.wrote(principal == null ? ReadCache.ANYONE : userIdOf.applyAsLong(principal));
            // And the answer leaves once this server has heard the write's notifications: whoever asks here next, the
            // answers about what it changed are marked (a millisecond or so; other servers hear it as fast). A write
            // that marked them itself when it committed needs no such wait.
            if (!awaitHeard) {
                return;
            }
            try {
                changes.awaitChangesHeard(HEARD_WITHIN);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (SQLException | IllegalStateException e) {
                LOG.debug("A write's notifications were not heard in time; the caches catch up when they are", e);
            }
        }
    }

    static boolean mayWrite(Method method) {
        return !(method.isAnnotationPresent(GET.class)
                || method.isAnnotationPresent(HEAD.class)
                || method.isAnnotationPresent(OPTIONS.class)
                || method.isAnnotationPresent(WritesNothing.class));
    }
}
