package com.followup.api.policy;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followup.api.cache.ChangeFeed;
import com.followup.api.cache.ReadCache;
import com.followup.core.policy.AgencyPolicy;
import com.followup.core.repository.PolicyStore;
import java.time.Clock;
import java.time.ZoneId;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The policy row of PostgreSQL. An empty document means the rules' defaults in the agency's zone.
 *
 * <p>{@link #current()} is read on every plan, dashboard refresh and planner pass, so it is kept in a {@link ReadCache}
 * like the other hot reads (decision 0012): served until the {@link ChangeFeed} hears a change (the trigger on
 * {@code agency_policy}, or a write request answered by this server), and read from the database every time while the
 * feed is not live. A change made on another server or with SQL is therefore seen as soon as it is heard, not after a
 * time-to-live.
 */
public final class JdbiPolicyStore implements PolicyStore {
    /** A stored policy and the version a change must name. */
    public record Versioned(AgencyPolicy policy, int version) {}

    /** The cache's one key: there is one policy row. */
    private enum Key {
        AGENCY_POLICY
    }

    private final Jdbi jdbi;
    private final ObjectMapper json;
    private final ZoneId agencyZone;
    private final ChangeFeed changes;
    private final ReadCache<Key, Versioned> cached;

    /**
     * A store whose reads are cached while {@code changes} is live; a feed that is never started (commands, tests
     * without a server) makes every read go to the database.
     */
    public JdbiPolicyStore(Jdbi jdbi, ObjectMapper json, ZoneId agencyZone, Clock clock, ChangeFeed changes) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.json = requireNonNull(json, "json is null");
        this.agencyZone = requireNonNull(agencyZone, "agencyZone is null");
        this.changes = requireNonNull(changes, "changes is null");
        this.cached = new ReadCache<>(changes, requireNonNull(clock, "clock is null"), 1);
    }

    @Override
    public AgencyPolicy current() {
        return currentVersioned().policy();
    }

    /** The current policy with its version, cached like {@link #current()}. */
    public Versioned currentVersioned() {
        return cached.get(Key.AGENCY_POLICY, () -> jdbi.withHandle(this::read));
    }

    /** The stored policy as {@code handle} sees it now, never from the cache (a change reads what it changes). */
    public Versioned read(Handle handle) {
        return handle.createQuery("SELECT settings::text AS settings, version FROM agency_policy WHERE id = 1")
                .map((rs, context) -> {
                    String settings = rs.getString("settings");
                    int version = rs.getInt("version");
                    if (settings.replaceAll("\\s", "").equals("{}")) {
                        return new Versioned(AgencyPolicy.defaults(agencyZone), version);
                    }
                    try {
                        return new Versioned(
                                json.readValue(settings, PolicyDocument.class).toPolicy(), version);
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("the stored agency policy cannot be read", e);
                    }
                })
                .one();
    }

    /**
     * Stores {@code policy} if {@code version} is current; returns false when it is stale. Called in a transaction:
     * once it commits, this server's cached policy is dropped at once (other servers hear the trigger).
     */
    public boolean write(Handle handle, AgencyPolicy policy, int version, long userId) {
        try {
            String document = json.writeValueAsString(PolicyDocument.of(policy, version + 1));
            int updated = handle.createUpdate(
                            """
                            UPDATE agency_policy
                               SET settings = CAST(:settings AS jsonb), version = version + 1, updated_at = now(),
                                   updated_by = :user
                             WHERE id = 1 AND version = :version
                            """)
                    .bind("settings", document)
                    .bind("version", version)
                    .bind("user", userId)
                    .execute();
            if (updated > 0) {
                handle.afterCommit(changes::changed);
            }
            return updated > 0;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the agency policy cannot be written", e);
        }
    }
}
