package com.followup.core.policy;

import static java.util.Objects.requireNonNull;

import com.followup.core.model.Channel;
import com.followup.core.model.EmailAddresses;
import com.followup.core.notes.NoteCheckSettings;
import com.followup.core.time.BusinessCalendar;
import com.followup.core.time.HolidayCalendar;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The agency's values for every rule. {@link #defaults(ZoneId)} gives the ones of {@code follow-up-rules.md}; a client
 * company may override some of them ({@link com.followup.core.model.CompanyOverrides}) and an interview's timeline
 * others ({@link com.followup.core.model.Timeline}).
 *
 * @param zone the agency's own zone, for reports (ISO weeks); the rules read the candidate's zone instead
 * @param thankYouDeadline R1: elapsed time from the interview's end to the last on-time thank-you
 * @param idealWindowStart R2: the ideal window opens this long after the end
 * @param idealWindowEndDaysLater R2: the ideal window closes this many calendar days after the end's day...
 * @param idealWindowEndTime R2: ...at this time, in the candidate's zone
 * @param thankYouChannel R11: the channel a thank-you should use
 * @param debriefWithin R4, R20: the debrief is due this long after the end
 * @param spacing R7: the minimum time between unanswered follow-ups
 * @param statusCheckLimit R8: the number of unanswered status checks allowed
 * @param businessDaysAfterDecision R6: status checks open this many business days after the decision date...
 * @param statusCheckOpensAt R6: ...at this time, in the candidate's zone
 * @param firstStatusCheckChannel R10: the channel of the first status check
 * @param laterStatusCheckChannels R10: the channels the next status checks may use
 * @param dueSoon a step with a deadline is "due soon" this long before it
 * @param thanksAfterRejectionWindow R19: how long the optional thank-you after a rejection stays open
 * @param holidays R6: days that are not business days, besides weekends
 * @param freeMailDomains R12: lower-case domains whose addresses are personal
 * @param noteChecks R15: the word limits of a thank-you note
 * @param workingDayEnds working hours: a proposed status check (R6, R7, R9) opens between {@code statusCheckOpensAt}
 *     and this time on a business day, in the candidate's zone
 * @param publicHolidays R6 and working hours: the public holidays of the country the agency chose, besides
 *     {@code holidays}
 */
public record AgencyPolicy(
        ZoneId zone,
        Duration thankYouDeadline,
        Duration idealWindowStart,
        int idealWindowEndDaysLater,
        LocalTime idealWindowEndTime,
        Channel thankYouChannel,
        Duration debriefWithin,
        Duration spacing,
        int statusCheckLimit,
        int businessDaysAfterDecision,
        LocalTime statusCheckOpensAt,
        Channel firstStatusCheckChannel,
        Set<Channel> laterStatusCheckChannels,
        Duration dueSoon,
        Duration thanksAfterRejectionWindow,
        Set<LocalDate> holidays,
        Set<String> freeMailDomains,
        NoteCheckSettings noteChecks,
        LocalTime workingDayEnds,
        HolidayCalendar publicHolidays) {
    /** The end of the working day in the rules' defaults (09:00 to 17:00). */
    public static final LocalTime DEFAULT_WORKING_DAY_ENDS = LocalTime.of(17, 0);

    public AgencyPolicy {
        requireNonNull(zone, "zone is null");
        requirePositive(thankYouDeadline, "thankYouDeadline");
        requireNonNull(idealWindowStart, "idealWindowStart is null");
        requireNonNull(idealWindowEndTime, "idealWindowEndTime is null");
        requireNonNull(thankYouChannel, "thankYouChannel is null");
        requirePositive(debriefWithin, "debriefWithin");
        requirePositive(spacing, "spacing");
        requireNonNull(statusCheckOpensAt, "statusCheckOpensAt is null");
        requireNonNull(firstStatusCheckChannel, "firstStatusCheckChannel is null");
        laterStatusCheckChannels =
                Set.copyOf(requireNonNull(laterStatusCheckChannels, "laterStatusCheckChannels is null"));
        requireNonNull(dueSoon, "dueSoon is null");
        requirePositive(thanksAfterRejectionWindow, "thanksAfterRejectionWindow");
        holidays = Set.copyOf(requireNonNull(holidays, "holidays is null"));
        freeMailDomains = Set.copyOf(requireNonNull(freeMailDomains, "freeMailDomains is null"));
        requireNonNull(noteChecks, "noteChecks is null");
        requireNonNull(workingDayEnds, "workingDayEnds is null");
        requireNonNull(publicHolidays, "publicHolidays is null");
        if (!statusCheckOpensAt.isBefore(workingDayEnds)) {
            throw new IllegalArgumentException("statusCheckOpensAt (" + statusCheckOpensAt
                    + ") must be before workingDayEnds (" + workingDayEnds + ")");
        }
        if (idealWindowStart.isNegative() || idealWindowStart.compareTo(thankYouDeadline) > 0) {
            throw new IllegalArgumentException("idealWindowStart must be between zero and thankYouDeadline ("
                    + thankYouDeadline + "), got " + idealWindowStart);
        }
        if (idealWindowEndDaysLater < 0) {
            throw new IllegalArgumentException(
                    "idealWindowEndDaysLater must not be negative, got " + idealWindowEndDaysLater);
        }
        if (statusCheckLimit < 1) {
            throw new IllegalArgumentException("statusCheckLimit must be at least 1, got " + statusCheckLimit);
        }
        if (businessDaysAfterDecision < 1) {
            throw new IllegalArgumentException(
                    "businessDaysAfterDecision must be at least 1, got " + businessDaysAfterDecision);
        }
        if (laterStatusCheckChannels.isEmpty()) {
            throw new IllegalArgumentException("laterStatusCheckChannels is empty");
        }
        if (dueSoon.isNegative()) {
            throw new IllegalArgumentException("dueSoon must not be negative, got " + dueSoon);
        }
        for (String domain : freeMailDomains) {
            if (!domain.equals(domain.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("free-mail domains are lower case, got " + domain);
            }
        }
    }

    /** The defaults of {@code follow-up-rules.md}, for an agency in {@code zone}, with no holidays. */
    public static AgencyPolicy defaults(ZoneId zone) {
        return new AgencyPolicy(
                zone,
                Duration.ofHours(48),
                Duration.ofHours(2),
                1,
                LocalTime.NOON,
                Channel.EMAIL,
                Duration.ofHours(24),
                Duration.ofDays(14),
                2,
                1,
                LocalTime.of(9, 0),
                Channel.EMAIL,
                EnumSet.of(Channel.EMAIL, Channel.PHONE),
                Duration.ofHours(12),
                Duration.ofHours(48),
                Set.of(),
                EmailAddresses.COMMON_FREE_MAIL_DOMAINS,
                NoteCheckSettings.DEFAULTS,
                DEFAULT_WORKING_DAY_ENDS,
                HolidayCalendar.NONE);
    }

    /** The business days of R6 and of working hours: weekends, the typed holidays and the country's. */
    public BusinessCalendar calendar() {
        return new BusinessCalendar(holidays, publicHolidays);
    }

    public AgencyPolicy withPublicHolidays(HolidayCalendar publicHolidays) {
        Copy copy = new Copy(this);
        copy.publicHolidays = publicHolidays;
        return copy.build();
    }

    public AgencyPolicy withWorkingDayEnds(LocalTime workingDayEnds) {
        Copy copy = new Copy(this);
        copy.workingDayEnds = workingDayEnds;
        return copy.build();
    }

    public AgencyPolicy withHolidays(Set<LocalDate> holidays) {
        Copy copy = new Copy(this);
        copy.holidays = holidays;
        return copy.build();
    }

    public AgencyPolicy withSpacing(Duration spacing) {
        Copy copy = new Copy(this);
        copy.spacing = spacing;
        return copy.build();
    }

    public AgencyPolicy withStatusCheckLimit(int statusCheckLimit) {
        Copy copy = new Copy(this);
        copy.statusCheckLimit = statusCheckLimit;
        return copy.build();
    }

    public AgencyPolicy withThankYouDeadline(Duration thankYouDeadline) {
        Copy copy = new Copy(this);
        copy.thankYouDeadline = thankYouDeadline;
        return copy.build();
    }

    public AgencyPolicy withDueSoon(Duration dueSoon) {
        Copy copy = new Copy(this);
        copy.dueSoon = dueSoon;
        return copy.build();
    }

    public AgencyPolicy withDebriefWithin(Duration debriefWithin) {
        Copy copy = new Copy(this);
        copy.debriefWithin = debriefWithin;
        return copy.build();
    }

    public AgencyPolicy withNoteChecks(NoteCheckSettings noteChecks) {
        Copy copy = new Copy(this);
        copy.noteChecks = noteChecks;
        return copy.build();
    }

    /** The values of a policy, changed one at a time by the {@code with...} methods and checked again by build. */
    private static final class Copy {
        private ZoneId zone;
        private Duration thankYouDeadline;
        private Duration idealWindowStart;
        private int idealWindowEndDaysLater;
        private LocalTime idealWindowEndTime;
        private Channel thankYouChannel;
        private Duration debriefWithin;
        private Duration spacing;
        private int statusCheckLimit;
        private int businessDaysAfterDecision;
        private LocalTime statusCheckOpensAt;
        private Channel firstStatusCheckChannel;
        private Set<Channel> laterStatusCheckChannels;
        private Duration dueSoon;
        private Duration thanksAfterRejectionWindow;
        private Set<LocalDate> holidays;
        private Set<String> freeMailDomains;
        private NoteCheckSettings noteChecks;
        private LocalTime workingDayEnds;
        private HolidayCalendar publicHolidays;

        Copy(AgencyPolicy policy) {
            zone = policy.zone;
            thankYouDeadline = policy.thankYouDeadline;
            idealWindowStart = policy.idealWindowStart;
            idealWindowEndDaysLater = policy.idealWindowEndDaysLater;
            idealWindowEndTime = policy.idealWindowEndTime;
            thankYouChannel = policy.thankYouChannel;
            debriefWithin = policy.debriefWithin;
            spacing = policy.spacing;
            statusCheckLimit = policy.statusCheckLimit;
            businessDaysAfterDecision = policy.businessDaysAfterDecision;
            statusCheckOpensAt = policy.statusCheckOpensAt;
            firstStatusCheckChannel = policy.firstStatusCheckChannel;
            laterStatusCheckChannels = policy.laterStatusCheckChannels;
            dueSoon = policy.dueSoon;
            thanksAfterRejectionWindow = policy.thanksAfterRejectionWindow;
            holidays = policy.holidays;
            freeMailDomains = policy.freeMailDomains;
            noteChecks = policy.noteChecks;
            workingDayEnds = policy.workingDayEnds;
            publicHolidays = policy.publicHolidays;
        }

        AgencyPolicy build() {
            return new AgencyPolicy(
                    zone,
                    thankYouDeadline,
                    idealWindowStart,
                    idealWindowEndDaysLater,
                    idealWindowEndTime,
                    thankYouChannel,
                    debriefWithin,
                    spacing,
                    statusCheckLimit,
                    businessDaysAfterDecision,
                    statusCheckOpensAt,
                    firstStatusCheckChannel,
                    laterStatusCheckChannels,
                    dueSoon,
                    thanksAfterRejectionWindow,
                    holidays,
                    freeMailDomains,
                    noteChecks,
                    workingDayEnds,
                    publicHolidays);
        }
    }

    private static void requirePositive(Duration duration, String name) {
        requireNonNull(duration, name + " is null");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + duration);
        }
    }
}
