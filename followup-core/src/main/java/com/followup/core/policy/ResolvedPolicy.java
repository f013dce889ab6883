package com.followup.core.policy;

import static java.util.Objects.requireNonNull;

import com.followup.core.model.Channel;
import com.followup.core.model.ClientCompany;
import com.followup.core.model.CompanyOverrides;
import com.followup.core.model.Timeline;
import com.followup.core.notes.NoteCheckSettings;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The values one interview's plan uses, each with where it came from. The most specific wins: the interview's
 * timeline, then the company's overrides, then the agency's policy.
 *
 * @param decisionDate R6: empty when the company gave no date, and R9's default applies instead
 * @param followUpChannel R10: the channel of the first status check
 */
public record ResolvedPolicy(
        Sourced<Duration> thankYouDeadline,
        Sourced<Duration> idealWindowStart,
        Sourced<Duration> debriefWithin,
        Sourced<Optional<LocalDate>> decisionDate,
        Sourced<Duration> spacing,
        Sourced<Integer> statusCheckLimit,
        Sourced<Channel> followUpChannel,
        Sourced<Channel> thankYouChannel,
        Sourced<NoteCheckSettings> noteChecks,
        Sourced<Boolean> companyDoesNotReply,
        Sourced<Duration> thanksAfterRejectionWindow) {
    public ResolvedPolicy {
        requireNonNull(thankYouDeadline, "thankYouDeadline is null");
        requireNonNull(idealWindowStart, "idealWindowStart is null");
        requireNonNull(debriefWithin, "debriefWithin is null");
        requireNonNull(decisionDate, "decisionDate is null");
        requireNonNull(spacing, "spacing is null");
        requireNonNull(statusCheckLimit, "statusCheckLimit is null");
        requireNonNull(followUpChannel, "followUpChannel is null");
        requireNonNull(thankYouChannel, "thankYouChannel is null");
        requireNonNull(noteChecks, "noteChecks is null");
        requireNonNull(companyDoesNotReply, "companyDoesNotReply is null");
        requireNonNull(thanksAfterRejectionWindow, "thanksAfterRejectionWindow is null");
    }

    /** The values for an interview with {@code company}, given what the candidate recorded at its close. */
    public static ResolvedPolicy resolve(AgencyPolicy policy, ClientCompany company, Optional<Timeline> timeline) {
        requireNonNull(policy, "policy is null");
        requireNonNull(company, "company is null");
        requireNonNull(timeline, "timeline is null");
        CompanyOverrides overrides = company.overrides();
        Timeline said = timeline.orElse(Timeline.NOTHING_SAID);

        // R6: only the interview knows a decision date; without one the plan falls back on R9.
        Sourced<Optional<LocalDate>> decisionDate = said.decisionDate().isPresent()
                ? Sourced.fromInterview(said.decisionDate())
                : Sourced.fromAgency(Optional.empty());
        // R7: the interview's stated preference, else the company's, else the agency's two weeks.
        Sourced<Duration> spacing = mostSpecific(said.preferredSpacing(), overrides.spacing(), policy.spacing());
        // R10, R11: a channel the company named replaces e-mail for both the thank-you and the status checks.
        Sourced<Channel> followUpChannel =
                mostSpecific(said.preferredChannel(), overrides.preferredChannel(), policy.firstStatusCheckChannel());
        Sourced<Channel> thankYouChannel =
                mostSpecific(said.preferredChannel(), overrides.preferredChannel(), policy.thankYouChannel());
        Sourced<Integer> limit = overrides.statusCheckLimit().isPresent()
                ? Sourced.fromCompany(overrides.statusCheckLimit().get())
                : Sourced.fromAgency(policy.statusCheckLimit());
        // R18 is off unless the company is marked.
        Sourced<Boolean> doesNotReply =
                overrides.doesNotReply() ? Sourced.fromCompany(Boolean.TRUE) : Sourced.fromAgency(Boolean.FALSE);

        return new ResolvedPolicy(
                Sourced.fromAgency(policy.thankYouDeadline()),
                Sourced.fromAgency(policy.idealWindowStart()),
                Sourced.fromAgency(policy.debriefWithin()),
                decisionDate,
                spacing,
                limit,
                followUpChannel,
                thankYouChannel,
                Sourced.fromAgency(policy.noteChecks()),
                doesNotReply,
                Sourced.fromAgency(policy.thanksAfterRejectionWindow()));
    }

    /** A copy where a reply's new date replaced the timeline (R6). */
    public ResolvedPolicy withDecisionDate(LocalDate newDecisionDate) {
        return new ResolvedPolicy(
                thankYouDeadline,
                idealWindowStart,
                debriefWithin,
                Sourced.fromInterview(Optional.of(newDecisionDate)),
                spacing,
                statusCheckLimit,
                followUpChannel,
                thankYouChannel,
                noteChecks,
                companyDoesNotReply,
                thanksAfterRejectionWindow);
    }

    /** The value behind {@code setting}, for showing a step's inputs. */
    public Sourced<?> get(PolicySetting setting) {
        return switch (setting) {
            case THANK_YOU_DEADLINE -> thankYouDeadline;
            case THANK_YOU_IDEAL_WINDOW -> idealWindowStart;
            case DEBRIEF_DEADLINE -> debriefWithin;
            case DECISION_DATE -> decisionDate;
            case SPACING -> spacing;
            case STATUS_CHECK_LIMIT -> statusCheckLimit;
            case FOLLOW_UP_CHANNEL -> followUpChannel;
            case THANK_YOU_CHANNEL -> thankYouChannel;
            case NOTE_LENGTH -> noteChecks;
            case DOES_NOT_REPLY -> companyDoesNotReply;
            case THANKS_AFTER_REJECTION_WINDOW -> thanksAfterRejectionWindow;
        };
    }

    /** Where the value behind {@code setting} came from. */
    public ValueSource sourceOf(PolicySetting setting) {
        return get(setting).source();
    }

    private static <T> Sourced<T> mostSpecific(Optional<T> fromInterview, Optional<T> fromCompany, T fromAgency) {
        if (fromInterview.isPresent()) {
            return Sourced.fromInterview(fromInterview.get());
        }
        if (fromCompany.isPresent()) {
            return Sourced.fromCompany(fromCompany.get());
        }
        return Sourced.fromAgency(fromAgency);
    }
}
