package com.followup.api.dashboard;

import com.followup.api.dashboard.DashboardBodies.EndedThread;
import com.followup.api.dashboard.DashboardBodies.NextStep;
import com.followup.api.dashboard.DashboardBodies.Priority;
import com.followup.core.rules.StepKind;
import com.followup.core.rules.ThreadStatus;
import com.followup.core.ruleset.RuleId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Why a dashboard row stands where it does, in words ("2 overdue: debrief for Northwind Example was due yesterday
 * 17:00", "debrief for Northwind Example due tomorrow 08:00"), and a breach in words with its rule id ("Chloe checked
 * in before Bluefield's date (R6)"). Times are the candidate's local ones, like the API's deadlines.
 */
final class Reasons {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

    private Reasons() {}

    static String of(Tally tally, Priority priority, Instant now) {
        NextStep step = tally.mostUrgent;
        return switch (priority) {
            case OVERDUE ->
                tally.overdue + " overdue" + (step == null ? "" : ": " + stepWords(step, "was due", now));
            case DUE_SOON ->
                (step == null ? tally.dueSoon + " due soon" : stepWords(step, "due", now))
                        + (tally.dueSoon > 1 ? ", " + (tally.dueSoon - 1) + " more due soon" : "");
            case DUE -> tally.due + " to do" + (step == null ? "" : ": " + stepWords(step, "due", now));
            case NEW_BREACHES ->
                plural(tally.breaches, "breach", "breaches") + ", not yet marked as seen"
                        + (tally.latestBreach == null ? "" : "; latest: " + tally.latestBreach.text());
            case WAITING -> "Waiting on the company: " + plural(tally.waiting, "thread", "threads") + " open";
            case NOTHING_TO_DO -> nothingToDo(tally, now);
        };
    }

    /** What a row with nothing to do plans around, rather than "nothing to do". */
    private static String nothingToDo(Tally tally, Instant now) {
        if (tally.interviews == 0) {
            return "No interviews yet";
        }
        if (tally.nextInterview != null) {
            return "Interview with " + tally.nextInterview.company() + " " + when(tally.nextInterview.start(), now);
        }
        if (!tally.endedWithoutAnswer.isEmpty()) {
            EndedThread ended = tally.endedWithoutAnswer.get(0);
            return ended.status() == ThreadStatus.CLOSED_NO_REPLY_EXPECTED
                    ? ended.company() + " does not reply: thread closed (R18)"
                    : ended.company() + " never answered: thread closed as no response (R8)";
        }
        if (tally.latestBreach != null) {
            return tally.latestBreach.text();
        }
        return "Nothing to do now";
    }

    private static String stepWords(NextStep step, String due, Instant now) {
        String what = kind(step.kind()) + " for " + step.company();
        return step.deadline().map(at -> what + " " + due + " " + when(at, now)).orElse(what + " open");
    }

    static String kind(StepKind kind) {
        return switch (kind) {
            case DEBRIEF -> "debrief";
            case THANK_YOU -> "thank-you";
            case STATUS_CHECK -> "status check";
            case CLOSING -> "closing the thread";
            case THANKS_AFTER_REJECTION -> "thank-you after the rejection";
        };
    }

    /** "today 08:00", "tomorrow 08:00", "yesterday 17:00", else "Wed 2 Dec 10:00", in the moment's own offset. */
    static String when(OffsetDateTime at, Instant now) {
        LocalDate today = now.atOffset(at.getOffset()).toLocalDate();
        LocalDate day = at.toLocalDate();
        if (day.equals(today)) {
            return "today " + TIME.format(at);
        }
        if (day.equals(today.plusDays(1))) {
            return "tomorrow " + TIME.format(at);
        }
        if (day.equals(today.minusDays(1))) {
            return "yesterday " + TIME.format(at);
        }
        return DAY.format(at);
    }

    private static String plural(int count, String one, String many) {
        return count + " " + (count == 1 ? one : many);
    }

    /** A breach in a few words with its rule id, from the recruiter's side. */
    static String breach(String rule, String candidate, String company) {
        RuleId id;
        try {
            id = RuleId.valueOf(rule);
        } catch (IllegalArgumentException e) {
            return candidate + " broke " + rule + " with " + company;
        }
        String words =
                switch (id) {
                    case R1 -> candidate + "'s thank-you to " + company + " came late or not at all";
                    case R3 -> candidate + " did not thank everyone met at " + company;
                    case R6 -> candidate + " checked in before " + company + "'s date";
                    case R7 -> candidate + " checked in with " + company + " too soon after the last contact";
                    case R8 -> candidate + " sent " + company + " one status check too many";
                    case R10 -> candidate + " checked in with " + company + " by the wrong channel";
                    case R12 -> candidate + " wrote to a personal address at " + company;
                    case R13 -> candidate + " sent " + company + " a gift or a Facebook request";
                    case R15 -> candidate + "'s note to " + company + " ran over 200 words";
                    case R20 -> candidate + " did not debrief the agency on " + company + " within 24 hours";
                    // Advice, never a breach (the core refuses such a breach); worded generically all the same.
                    case R2, R4, R5, R9, R11, R14, R16, R17, R18, R19 ->
                        candidate + " broke a rule with " + company;
                };
        return words + " (" + id.name() + ")";
    }
}
