package com.followup.api.privacy;

import static java.util.Objects.requireNonNull;

/** The personal-data use cases the server built, handed to the portal and the reports through {@code Services}. */
public record Privacy(PrivacyExports exports, Erasures erasures, Retention retention) {
    public Privacy {
        requireNonNull(exports, "exports is null");
        requireNonNull(erasures, "erasures is null");
        requireNonNull(retention, "retention is null");
    }
}
