package com.followup.core.model;

import static java.util.Objects.requireNonNull;

/** A company the agency places candidates with, and how it wants to be followed up. */
public record ClientCompany(CompanyId id, String name, CompanyOverrides overrides) {
    public ClientCompany {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(overrides, "overrides is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name is blank");
        }
    }

    public ClientCompany withOverrides(CompanyOverrides overrides) {
        return new ClientCompany(id, name, overrides);
    }
}
