package com.followup.api.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.followup.core.model.Channel;
import com.followup.core.notes.NoteCheckSettings;
import com.followup.core.policy.AgencyPolicy;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The agency policy as JSON: the API's body and the stored document. Durations are ISO-8601 ({@code P14D},
 * {@code PT48H}), times {@code HH:mm}. {@code version} guards against lost updates.
 *
 * <p>{@code workingDayEnds}, {@code holidayCountry} and {@code holidayRegion} may be left out (a document stored before
 * they existed has none): the working day then ends at 17:00 and only the typed {@code holidays} count. A country is an
 * ISO 3166 code with a public-holiday calendar ({@link PublicHolidays}, decision 0028).
 */
public record PolicyDocument(
        @NotNull String zone,
        @NotNull Duration thankYouDeadline,
        @NotNull Duration idealWindowStart,
        @NotNull Integer idealWindowEndDaysLater,
        @NotNull LocalTime idealWindowEndTime,
        @NotNull Channel thankYouChannel,
        @NotNull Duration debriefWithin,
        @NotNull Duration spacing,
        @NotNull Integer statusCheckLimit,
        @NotNull Integer businessDaysAfterDecision,
        @NotNull LocalTime statusCheckOpensAt,
        @NotNull Channel firstStatusCheckChannel,
        @NotNull Set<Channel> laterStatusCheckChannels,
        @NotNull Duration dueSoon,
        @NotNull Duration thanksAfterRejectionWindow,
        @NotNull List<LocalDate> holidays,
        @NotNull List<String> freeMailDomains,
        @NotNull Integer noteAdviceWords,
        @NotNull Integer noteBreachWords,
        @NotNull Double noteSimilarityThreshold,
        LocalTime workingDayEnds,
        @JsonInclude(JsonInclude.Include.NON_NULL) String holidayCountry,
        @JsonInclude(JsonInclude.Include.NON_NULL) String holidayRegion,
        Integer version) {

    public static PolicyDocument of(AgencyPolicy policy, int version) {
        return new PolicyDocument(
                policy.zone().getId(),
                policy.thankYouDeadline(),
                policy.idealWindowStart(),
                policy.idealWindowEndDaysLater(),
                policy.idealWindowEndTime(),
                policy.thankYouChannel(),
                policy.debriefWithin(),
                policy.spacing(),
                policy.statusCheckLimit(),
                policy.businessDaysAfterDecision(),
                policy.statusCheckOpensAt(),
                policy.firstStatusCheckChannel(),
                new TreeSet<>(policy.laterStatusCheckChannels()),
                policy.dueSoon(),
                policy.thanksAfterRejectionWindow(),
                List.copyOf(new TreeSet<>(policy.holidays())),
                List.copyOf(new TreeSet<>(policy.freeMailDomains())),
                policy.noteChecks().adviceWords(),
                policy.noteChecks().breachWords(),
                policy.noteChecks().similarityThreshold(),
                policy.workingDayEnds(),
                policy.publicHolidays().country().orElse(null),
                policy.publicHolidays().region().orElse(null),
                version);
    }

    /** The policy this document describes; throws IllegalArgumentException naming what is wrong. */
    public AgencyPolicy toPolicy() {
        return new AgencyPolicy(
                ZoneId.of(zone),
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
                Set.copyOf(holidays),
                Set.copyOf(freeMailDomains.stream().map(String::toLowerCase).toList()),
                new NoteCheckSettings(noteAdviceWords, noteBreachWords, noteSimilarityThreshold),
                workingDayEnds == null ? AgencyPolicy.DEFAULT_WORKING_DAY_ENDS : workingDayEnds,
                PublicHolidays.calendar(holidayCountry, holidayRegion));
    }

    /** This document with another public-holiday country and region (either may be null). */
    public PolicyDocument withHolidayCountry(String country, String region) {
        return new PolicyDocument(
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
                noteAdviceWords,
                noteBreachWords,
                noteSimilarityThreshold,
                workingDayEnds,
                country,
                region,
                version);
    }
}
