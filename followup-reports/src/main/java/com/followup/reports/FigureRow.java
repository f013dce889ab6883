package com.followup.reports;

import static java.util.Objects.requireNonNull;

import java.util.OptionalLong;

/**
 * The figures of one group of interviews in one week. Every rate of the report is a ratio of two of these counts, and
 * the report prints both. Each figure is defined in docs/reports.md with the rule it measures.
 *
 * @param thankYouSteps R3: interviewers met, one thank-you step each
 * @param thankYouDue R1: thank-you steps done or past their deadline
 * @param thankYouOnTime R1: first note to the interviewer sent no later than the deadline
 * @param thankYouLate R1 breaches: first note sent after the deadline
 * @param thankYouMissed R3 breaches: no note by the deadline
 * @param thankYouSent R3: interviewers thanked (coverage numerator)
 * @param thankYouIdeal R2: notes sent inside the ideal window
 * @param debriefsDue R4, R20: debriefs written or past their deadline
 * @param debriefsOnTime R4, R20: debriefs written by the deadline
 * @param timelinesRecorded R5: interviews with a recorded timeline
 * @param statusChecks status checks sent (R6 to R10)
 * @param r18InterviewsLeftOut R18: interviews with companies marked "does not reply", left out of response figures
 * @param followedUp interviews (not R18) with a touch after their end
 * @param responded of those, interviews with a reply after the first such touch
 * @param responseMedianSeconds company time to respond, median (percentile_disc 0.5), empty without responses
 * @param responseP90Seconds company time to respond, 90th percentile (percentile_disc 0.9)
 * @param ghosted R8: threads closed as "no response"
 * @param followedUpCounted of the followed-up interviews, those whose first follow-up is at least the response window
 *     ({@link WeeklyParameters#RESPONSE_WINDOW}) old at the as-of instant: the ones a reply within the window can be
 *     judged for
 * @param respondedWithinWindow of those, the ones whose first reply came within the window of the first follow-up
 */
public record FigureRow(
        String week,
        Dimension dimension,
        long groupId,
        String name,
        long interviews,
        long thankYouSteps,
        long thankYouDue,
        long thankYouOnTime,
        long thankYouLate,
        long thankYouMissed,
        long thankYouSent,
        long thankYouIdeal,
        long debriefsDue,
        long debriefsOnTime,
        long timelinesRecorded,
        long statusChecks,
        long r6Breaches,
        long r7Breaches,
        long r8Breaches,
        long r10Breaches,
        long touches,
        long r12Breaches,
        long r13Breaches,
        long r18InterviewsLeftOut,
        long followedUp,
        long responded,
        OptionalLong responseMedianSeconds,
        OptionalLong responseP90Seconds,
        long ghosted,
        long followedUpCounted,
        long respondedWithinWindow) {
    public FigureRow {
        requireNonNull(week, "week is null");
        requireNonNull(dimension, "dimension is null");
        requireNonNull(name, "name is null");
        requireNonNull(responseMedianSeconds, "responseMedianSeconds is null");
        requireNonNull(responseP90Seconds, "responseP90Seconds is null");
        if (respondedWithinWindow > followedUpCounted || followedUpCounted > followedUp) {
            throw new IllegalArgumentException("responded within the window <= counted <= followed up, got "
                    + respondedWithinWindow + ", " + followedUpCounted + ", " + followedUp);
        }
    }

    /** The figures as they were before the response window (issue 17): no thread counted for it yet. */
    public FigureRow(
            String week,
            Dimension dimension,
            long groupId,
            String name,
            long interviews,
            long thankYouSteps,
            long thankYouDue,
            long thankYouOnTime,
            long thankYouLate,
            long thankYouMissed,
            long thankYouSent,
            long thankYouIdeal,
            long debriefsDue,
            long debriefsOnTime,
            long timelinesRecorded,
            long statusChecks,
            long r6Breaches,
            long r7Breaches,
            long r8Breaches,
            long r10Breaches,
            long touches,
            long r12Breaches,
            long r13Breaches,
            long r18InterviewsLeftOut,
            long followedUp,
            long responded,
            OptionalLong responseMedianSeconds,
            OptionalLong responseP90Seconds,
            long ghosted) {
        this(
                week,
                dimension,
                groupId,
                name,
                interviews,
                thankYouSteps,
                thankYouDue,
                thankYouOnTime,
                thankYouLate,
                thankYouMissed,
                thankYouSent,
                thankYouIdeal,
                debriefsDue,
                debriefsOnTime,
                timelinesRecorded,
                statusChecks,
                r6Breaches,
                r7Breaches,
                r8Breaches,
                r10Breaches,
                touches,
                r12Breaches,
                r13Breaches,
                r18InterviewsLeftOut,
                followedUp,
                responded,
                responseMedianSeconds,
                responseP90Seconds,
                ghosted,
                0,
                0);
    }

    /** A group's row for a week in which it had no interview: every figure zero, no time to respond. */
    public static FigureRow empty(String week, Dimension dimension, long groupId, String name) {
        return new FigureRow(
                week,
                dimension,
                groupId,
                name,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                OptionalLong.empty(),
                OptionalLong.empty(),
                0,
                0,
                0);
    }

    /** R20 breaches: debriefs due and not written by their deadline. */
    public long r20Breaches() {
        return debriefsDue - debriefsOnTime;
    }

    /** Breaches that count against compliance: R1 late, R3 missed, R20, R6, R7, R8, R10, R12, R13. */
    public long breaches() {
        return thankYouLate
                + thankYouMissed
                + (debriefsDue - debriefsOnTime)
                + r6Breaches
                + r7Breaches
                + r8Breaches
                + r10Breaches
                + r12Breaches
                + r13Breaches;
    }
}
