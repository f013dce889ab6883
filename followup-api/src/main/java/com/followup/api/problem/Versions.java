package com.followup.api.problem;

import java.util.List;

/** Optimistic concurrency: every change names the version it was made from; a stale one is refused. */
public final class Versions {
    private Versions() {}

    public static int require(Integer version) {
        if (version == null || version < 1) {
            throw ProblemException.badRequest(
                    ErrorCode.VERSION_REQUIRED,
                    "A change must say which version it changes (the version you read).",
                    List.of(Problem.FieldError.of("version", "is required and at least 1")));
        }
        return version;
    }

    public static void requireUpdated(int rows, String what) {
        if (rows == 0) {
            throw ProblemException.conflict(
                    ErrorCode.STALE_VERSION,
                    "The " + what + " was changed by someone else since you read it; reload it and apply your"
                            + " change again.");
        }
    }
}
