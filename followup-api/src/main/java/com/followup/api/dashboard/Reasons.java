package com.followup.api.dashboard;

import com.followup.api.dashboard.DashboardBodies.CandidateRow;
import com.followup.api.dashboard.DashboardBodies.EndedThread;
import com.followup.api.dashboard.DashboardBodies.LatestBreach;
import com.followup.api.dashboard.DashboardBodies.NextInterview;
import com.followup.api.dashboard.DashboardBodies.NextStep;
import com.followup.core.rules.StepKind;
import com.followup.core.rules.ThreadStatus;
import com.followup.core.ruleset.RuleId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * Why a dashboard row stands where it does, in words ("2 overdue: debrief for Northwind Example was due yesterday
 * 17:00", "debrief for Northwind Example due tomorrow 08:00"), and a breach in words with its rule id ("Chloe checked
 * in before Bluefield's date (R6)"). The API words times in the candidate's zone, like its deadlines; the portal in
 * the viewer's.
 */
public final class Reasons {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

    private Reasons() {}

    /**
     * Why {@code row} stands where it does. Times in {@code zone}, or in each moment's own offset (the candidate's, as
     * the API gives them) when empty; "today" and "tomorrow" are counted from {@code now}.
     */
    public static String of(CandidateRow row, Optional<ZoneId> zone, Instant now) {
        Optional<NextStep> step = row.mostUrgent();
        return switch (row.priority()) {
            case OVERDUE ->
                row.overdue() + " overdue"
                        + step.map(each -> ": " + stepWords(each, "was due", zone, now))
                                .orElse("");
            case DUE_SOON ->
                step.map(each -> stepWords(each, "due", zone, now)).orElse(row.dueSoon() + " due soon")
                        + (row.dueSoon() > 1 ? ", " + (row.dueSoon() - 1) + " more due soon" : "");
            case DUE ->
                row.due() + " to do"
                        + step.map(each -> ": " + stepWords(each, "due", zone, now))
                                .orElse("");
            case NEW_BREACHES ->
                plural(row.breaches(), "breach", "breaches") + ", not yet marked as seen"
                        + row.latestBreach()
                                .map(breach -> "; latest: " + breach.text())
                                .orElse("");
            case WAITING -> "Waiting on the company: " + plural(row.waitingOnCompany(), "thread", "threads") + " open";
            case NOTHING_TO_DO -> nothingToDo(row, zone, now);
        };
    }

    /** What a row with nothing to do plans around, rather than "nothing to do". */
    private static String nothingToDo(CandidateRow row, Optional<ZoneId> zone, Instant now) {
        if (row.interviews() == 0) {
            return "No interviews yet";
        }
        if (row.nextInterview().isPresent()) {
            NextInterview next = row.nextInterview().get();
            return "Interview with " + next.company() + " " + when(next.start(), zone, now);
        }
        if (!row.endedWithoutAnswer().isEmpty()) {
            EndedThread ended = row.endedWithoutAnswer().get(0);
            return ended.status() == ThreadStatus.CLOSED_NO_REPLY_EXPECTED
                    ? ended.company() + " does not reply: thread closed (R18)"
                    : ended.company() + " never answered: thread closed as no response (R8)";
        }
        return row.latestBreach().map(LatestBreach::text).orElse("Nothing to do now");
    }

    private static String stepWords(NextStep step, String due, Optional<ZoneId> zone, Instant now) {
        String what = kind(step.kind()) + " for " + step.company();
        return step.deadline()
                .map(at -> what + " " + due + " " + when(at, zone, now))
                .orElse(what + " open");
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

    /** "today 08:00", "tomorrow 08:00", "yesterday 17:00", else "Wed 2 Dec 10:00". */
    static String when(OffsetDateTime moment, Optional<ZoneId> zone, Instant now) {
        OffsetDateTime at = zone.map(each -> moment.atZoneSameInstant(each).toOffsetDateTime())
                .orElse(moment);
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
                    case R2, R4, R5, R9, R11, R14, R16, R17, R18, R19 -> candidate + " broke a rule with " + company;
                };
        return words + " (" + id.name() + ")";
    }
}
