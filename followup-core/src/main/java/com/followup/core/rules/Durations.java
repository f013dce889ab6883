package com.followup.core.rules;

import java.time.Duration;

/** Durations in the words an explanation uses: "2 days 3 hours", "40 minutes". */
final class Durations {
    private Durations() {}

    static String describe(Duration duration) {
        Duration positive = duration.abs();
        // Up to three days, hours read better: "48 hours", not "2 days".
        long days = positive.toHours() < 72 ? 0 : positive.toDays();
        long hours = days == 0 ? positive.toHours() : positive.toHoursPart();
        long minutes = positive.toMinutesPart();
        if (days > 0) {
            return hours > 0 ? plural(days, "day") + " " + plural(hours, "hour") : plural(days, "day");
        }
        if (hours > 0) {
            return minutes > 0 ? plural(hours, "hour") + " " + plural(minutes, "minute") : plural(hours, "hour");
        }
        if (minutes > 0) {
            return plural(minutes, "minute");
        }
        return plural(positive.toSecondsPart(), "second");
    }

    private static String plural(long count, String unit) {
        return count == 1 ? "1 " + unit : count + " " + unit + "s";
    }
}
