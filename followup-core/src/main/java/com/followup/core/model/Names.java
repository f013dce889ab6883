package com.followup.core.model;

import java.util.Optional;

/**
 * What a name of a record must have: one character that is not white space in Java's sense
 * ({@link String#isBlank()}). The database states the same with its function {@code followup_has_text} (changeset
 * 0015), which lists the same white-space characters.
 */
final class Names {
    private Names() {}

    static Optional<String> blank(String field, String value) {
        return value.isBlank() ? Optional.of(field + " is blank") : Optional.empty();
    }
}
