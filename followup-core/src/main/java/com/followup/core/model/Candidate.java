package com.followup.core.model;

import static java.util.Objects.requireNonNull;

import java.time.ZoneId;
import java.util.Optional;

/**
 * A job candidate of the agency.
 *
 * @param zone where the candidate lives: "next morning" (R2) and business days (R6) are read in this zone
 */
public record Candidate(CandidateId id, String name, ZoneId zone) {
    public Candidate {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(zone, "zone is null");
        blankName(name).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
    }

    /** Why {@code name} cannot be a candidate's, if it cannot: it is blank. Changeset 0015 checks the same. */
    public static Optional<String> blankName(String name) {
        return Names.blank("name", name);
    }

    public Candidate withZone(ZoneId zone) {
        return new Candidate(id, name, zone);
    }
}
