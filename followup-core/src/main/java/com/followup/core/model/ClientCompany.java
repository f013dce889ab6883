package com.followup.core.model;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** A company the agency places candidates with, and how it wants to be followed up. */
public record ClientCompany(CompanyId id, String name, CompanyOverrides overrides) {
    public ClientCompany {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(overrides, "overrides is null");
        blankName(name).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
    }

    /** Why {@code name} cannot be a company's, if it cannot: it is blank. Changeset 0015 checks the same. */
    public static Optional<String> blankName(String name) {
        return Names.blank("name", name);
    }

    public ClientCompany withOverrides(CompanyOverrides overrides) {
        return new ClientCompany(id, name, overrides);
    }
}
