package com.followup.api.auth;

import java.util.Optional;

/**
 * What a password must be, stated once: the bodies' validation, the portal's hints and errors and the
 * {@code create-admin} command all read it from here, so the hint and the error say the same thing.
 */
public final class PasswordRules {
    public static final int MINIMUM_LENGTH = 12;
    /** Long passphrases are welcome; the bound only keeps a request from making the hash work on megabytes. */
    public static final int MAXIMUM_LENGTH = 200;

    /** The rule as one phrase, for hints: "12 to 200 characters". */
    public static final String RULE = MINIMUM_LENGTH + " to " + MAXIMUM_LENGTH + " characters";

    /** The hint next to a new password's field. */
    public static final String HINT = "Use " + RULE + "; a few words make a good one.";

    /** A field error when the rule is not met (also the bodies' bean-validation message). */
    public static final String MESSAGE = "must have " + RULE;

    private PasswordRules() {}

    /** Why {@code password} cannot be a new password, or empty when it can. */
    public static Optional<String> problem(String password) {
        if (password == null || password.length() < MINIMUM_LENGTH || password.length() > MAXIMUM_LENGTH) {
            return Optional.of(MESSAGE);
        }
        return Optional.empty();
    }
}
