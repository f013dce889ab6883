package com.followup.core.model;

import static java.util.Objects.requireNonNull;

import java.time.ZoneId;

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
        if (name.isBlank()) {
            throw new IllegalArgumentException("name is blank");
        }
    }

    public Candidate withZone(ZoneId zone) {
        return new Candidate(id, name, zone);
    }
}
