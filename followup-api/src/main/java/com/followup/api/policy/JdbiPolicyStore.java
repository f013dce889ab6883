package com.followup.api.policy;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followup.core.policy.AgencyPolicy;
import com.followup.core.repository.PolicyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The policy row of PostgreSQL. An empty document means the rules' defaults in the agency's zone. Reads are
 * cached for {@link #FRESHNESS}, so a change made on another server shows here within that time.
 */
public final class JdbiPolicyStore implements PolicyStore {
    /** A stored policy and the version a change must name. */
    public record Versioned(AgencyPolicy policy, int version) {}

    static final Duration FRESHNESS = Duration.ofSeconds(2);

    private final Jdbi jdbi;
    private final ObjectMapper json;
    private final ZoneId agencyZone;
    private final Clock clock;
    private volatile Versioned cached;
    private volatile Instant cachedAt = Instant.MIN;

    public JdbiPolicyStore(Jdbi jdbi, ObjectMapper json, ZoneId agencyZone, Clock clock) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.json = requireNonNull(json, "json is null");
        this.agencyZone = requireNonNull(agencyZone, "agencyZone is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public AgencyPolicy current() {
        return currentVersioned().policy();
    }

    /** The current policy with its version, cached like {@link #current()}. */
    public Versioned currentVersioned() {
        Instant now = clock.instant();
        Versioned snapshot = cached;
        if (snapshot == null || cachedAt.plus(FRESHNESS).isBefore(now)) {
            snapshot = jdbi.withHandle(this::read);
            cached = snapshot;
            cachedAt = now;
        }
        return snapshot;
    }

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

    /** Stores {@code policy} if {@code version} is current; returns false when it is stale. */
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
            cached = null;
            return updated > 0;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the agency policy cannot be written", e);
        }
    }
}
