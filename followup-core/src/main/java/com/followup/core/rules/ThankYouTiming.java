package com.followup.core.rules;

import com.followup.core.time.Window;
import java.time.Instant;

/** R2: how a thank-you's moment compares with the ideal window. */
public enum ThankYouTiming {
    /** Before the ideal window opened: sent without a few hours of reflection (advice). */
    EARLY,
    /** Within the ideal window. */
    IDEAL,
    /** After the ideal window but within the R1 deadline (advice). */
    ACCEPTABLE,
    /** After the R1 deadline (a breach of R1). */
    LATE;

    /** The timing of a thank-you sent at {@code sentAt} for a thank-you step's {@code window}; bounds are inclusive. */
    public static ThankYouTiming of(Window window, Instant sentAt) {
        if (sentAt.isBefore(window.ideal())) {
            return EARLY;
        }
        if (!sentAt.isAfter(window.idealUntil())) {
            return IDEAL;
        }
        if (!window.isPastDeadline(sentAt)) {
            return ACCEPTABLE;
        }
        return LATE;
    }
}
