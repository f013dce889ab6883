package com.followup.api.policy;

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
                new NoteCheckSettings(noteAdviceWords, noteBreachWords, noteSimilarityThreshold));
    }
}
