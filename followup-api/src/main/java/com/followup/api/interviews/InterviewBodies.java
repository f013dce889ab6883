package com.followup.api.interviews;

import com.followup.core.model.Channel;
import com.followup.core.model.InterviewFormat;
import com.followup.core.model.OutcomeKind;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The request and response bodies of the interview use cases ({@link Interviews}), shared by the API and the portal.
 * Bean validation annotations are checked at each door: by Jersey for the API, by the portal's validator for forms.
 */
public final class InterviewBodies {
    private InterviewBodies() {}

    /** An interviewer: an existing contact of the company, or a new one described here. */
    public record InterviewerRequest(
            Long contactId,
            @Size(max = 200) String name,
            @Size(max = 200) String title,
            @Email String businessEmail,
            String businessPhone,
            String linkedInUrl) {}

    public record InterviewRequest(
            Long candidateId,
            Long companyId,
            @Size(max = 200) String companyName,
            @NotBlank @Size(max = 200) String role,
            @NotNull OffsetDateTime start,
            @NotNull OffsetDateTime end,
            @NotNull InterviewFormat format,
            @Min(1) @Max(20) Integer round,
            @NotEmpty @Size(max = 10) List<@NotNull @Valid InterviewerRequest> interviewers,
            Integer version) {}

    public record InterviewView(
            long id,
            long candidateId,
            String candidateName,
            long companyId,
            String companyName,
            String role,
            OffsetDateTime start,
            OffsetDateTime end,
            InterviewFormat format,
            int round,
            List<Interviewer> interviewers,
            Optional<TimelineView> timeline,
            Optional<DebriefView> debrief,
            Optional<OutcomeView> outcome,
            int version) {}

    public record Interviewer(long contactId, String name, String title) {}

    /** R5; {@code notes} is what was said about next steps, free text the rules do not read. */
    public record TimelineRequest(
            LocalDate decisionDate,
            Channel preferredChannel,
            Duration preferredSpacing,
            @Size(max = 4000) String notes,
            Integer version) {}

    public record TimelineView(
            Optional<LocalDate> decisionDate,
            Optional<Channel> preferredChannel,
            Optional<Duration> preferredSpacing,
            Optional<String> notes,
            int version) {}

    public record Concern(@NotNull Long contactId, @NotBlank @Size(max = 2000) String concern) {}

    public record DebriefRequest(
            @NotNull @Size(max = 20000) String notes,
            @Size(max = 20) List<@NotNull @Valid Concern> concerns,
            @Size(max = 20) List<@NotBlank @Size(max = 1000) String> unaskedQuestions,
            OffsetDateTime writtenAt,
            Integer version) {}

    public record DebriefView(
            String notes,
            List<Concern> concerns,
            List<String> unaskedQuestions,
            OffsetDateTime writtenAt,
            int version) {}

    public record OutcomeRequest(@NotNull OutcomeKind kind, @NotNull OffsetDateTime at) {}

    public record OutcomeView(OutcomeKind kind, OffsetDateTime at) {}
}
