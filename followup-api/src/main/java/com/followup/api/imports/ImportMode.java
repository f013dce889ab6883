package com.followup.api.imports;

import java.util.Locale;
import java.util.Optional;

/** What an import does with a file that has bad rows. */
public enum ImportMode {
    /** Checks every row, references included, and reports what would be written; writes nothing. */
    DRY_RUN,
    /** Writes the file only if every row is valid; otherwise writes nothing and reports the bad rows. */
    ALL_OR_NOTHING,
    /** Writes the valid rows and reports the bad ones. */
    VALID_ROWS;

    public String slug() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<ImportMode> ofSlug(String slug) {
        for (ImportMode mode : values()) {
            if (mode.slug().equals(slug)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
