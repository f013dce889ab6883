package com.followup.core.time;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * When a step may, should and must be done: {@code earliest <= ideal <= idealUntil <= deadline}, all inclusive.
 *
 * <p>A step with no deadline (a status check: nobody has to send one) is open-ended: {@code deadline} is empty. When
 * the ideal is a single moment rather than a range, {@code idealUntil} equals {@code ideal}.
 *
 * @param earliest before this the step is premature (R2 early, R6, R7)
 * @param ideal the best moment, or the start of the best range (R2: two hours after the end)
 * @param idealUntil the end of the best range (R2: the next day at noon)
 * @param deadline after this the step is late or missed (R1, R20)
 */
public record Window(Instant earliest, Instant ideal, Instant idealUntil, Optional<Instant> deadline) {
    public Window {
        requireNonNull(earliest, "earliest is null");
        requireNonNull(ideal, "ideal is null");
        requireNonNull(idealUntil, "idealUntil is null");
        requireNonNull(deadline, "deadline is null");
        if (ideal.isBefore(earliest)) {
            throw new IllegalArgumentException("ideal " + ideal + " is before earliest " + earliest);
        }
        if (idealUntil.isBefore(ideal)) {
            throw new IllegalArgumentException("idealUntil " + idealUntil + " is before ideal " + ideal);
        }
        if (deadline.isPresent() && deadline.get().isBefore(idealUntil)) {
            throw new IllegalArgumentException("deadline " + deadline.get() + " is before idealUntil " + idealUntil);
        }
    }

    /** A window where everything happens at one moment (a thread closing). */
    public static Window at(Instant moment) {
        return new Window(moment, moment, moment, Optional.of(moment));
    }

    /** A window that opens at {@code earliest}, is ideal right then, and never closes. */
    public static Window openingAt(Instant earliest) {
        return new Window(earliest, earliest, earliest, Optional.empty());
    }

    /** A window from {@code earliest} to {@code deadline}, ideal at its start. */
    public static Window between(Instant earliest, Instant deadline) {
        return new Window(earliest, earliest, earliest, Optional.of(deadline));
    }

    /** Whether {@code moment} is after the deadline; never for an open-ended window. */
    public boolean isPastDeadline(Instant moment) {
        return deadline.isPresent() && moment.isAfter(deadline.get());
    }
}
