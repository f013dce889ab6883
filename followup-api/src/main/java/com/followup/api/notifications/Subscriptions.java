package com.followup.api.notifications;

import static java.util.Objects.requireNonNull;

import com.followup.api.audit.Audit;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.notifications.NotificationBodies.PreferenceChange;
import com.followup.api.notifications.NotificationBodies.PreferenceView;
import com.followup.api.problem.ProblemException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Whether a user gets e-mail: their own setting, and the one-click unsubscribe link in every message, which works
 * without logging in. Each use case is one transaction; a change writes its audit entry. The SQL is in
 * {@link Preferences}, which the planner and the sender read too. A caller only ever reaches their own preference (or,
 * by the link, the preference whose secret token they hold), so no visibility check is needed.
 */
public final class Subscriptions {
    private final Jdbi jdbi;
    private final Audit audit;
    private final Clock clock;
    private final UnsubscribeLinks links;

    public Subscriptions(Jdbi jdbi, Audit audit, Clock clock, UnsubscribeLinks links) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.links = requireNonNull(links, "links is null");
    }

    /** The caller's preference, created (e-mail on) the first time it is asked for. */
    public PreferenceView preference(UserPrincipal caller) {
        return jdbi.inTransaction(handle -> new PreferenceView(
                Preferences.of(handle, caller.id(), clock.instant()).emailEnabled()));
    }

    public PreferenceView change(UserPrincipal caller, PreferenceChange change) {
        boolean enabled = change.emailEnabled();
        Instant now = clock.instant();
        return jdbi.inTransaction(handle -> {
            PreferenceView view = new PreferenceView(Preferences.setEmailEnabled(handle, caller.id(), enabled, now)
                    .emailEnabled());
            audit.record(
                    handle,
                    caller,
                    "notification-preference.updated",
                    "user",
                    caller.id(),
                    Map.of("emailEnabled", enabled));
            return view;
        });
    }

    /**
     * Turns e-mail off for the owner of {@code token} (a link of {@link UnsubscribeLinks}, or one mailed before it);
     * 404 when no user has it.
     */
    public PreferenceView unsubscribe(String token) {
        Optional<Long> signed = links.owner(token);
        return jdbi.inTransaction(handle -> {
            long owner = signed.filter(user -> exists(handle, user))
                    .or(() -> Preferences.legacyOwner(handle, token))
                    .orElseThrow(() -> ProblemException.notFound("unsubscribe link"));
            Preferences.setEmailEnabled(handle, owner, false, clock.instant());
            audit.record(
                    handle,
                    owner,
                    "notification-preference.updated",
                    "user",
                    owner,
                    Map.of("emailEnabled", false, "by", "unsubscribe link"));
            return new PreferenceView(false);
        });
    }

    private static boolean exists(org.jdbi.v3.core.Handle handle, long userId) {
        return handle.createQuery("SELECT count(*) FROM users WHERE id = :id")
                        .bind("id", userId)
                        .mapTo(Long.class)
                        .one()
                > 0;
    }
}
