package com.followup.api.threads;

import com.fasterxml.jackson.databind.JsonNode;
import com.followup.api.representations.PlanView;
import com.followup.core.model.Channel;
import com.followup.core.model.ReplyKind;
import com.followup.core.model.TouchKind;
import com.followup.core.notes.NoteCheck;
import com.followup.core.notes.NoteFinding;
import com.followup.core.notes.TextSpan;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The request and response bodies of the thread use cases ({@link Threads}): touches, replies and the check of a
 * thank-you draft, shared by the API and the portal. Bean validation annotations are checked at each door: by Jersey
 * for the API, by the portal's validator for forms.
 */
public final class ThreadBodies {
    private ThreadBodies() {}

    public record TouchRequest(
            @NotNull TouchKind kind,
            @NotNull Channel channel,
            @NotNull Long recipientId,
            @Size(max = 500) String address,
            @NotNull OffsetDateTime sentAt,
            @Size(max = 500) String subject,
            @Size(max = 20000) String text) {}

    /**
     * What logging a touch would do, found without saving anything: the breaches it would cause, the advice it would
     * earn, and the step it would do with that step's words. Empty lists: the touch breaks no rule.
     */
    public record TouchCheckView(
            List<WouldBreach> breaches,
            List<PlanView.AdviceView> advice,
            @Schema(
                            description =
                                    "The step the touch would do, as the plan would show it once logged (its outcome"
                                            + " says what the touch broke, such as \"sent too early (R6)\"); absent for a touch"
                                            + " that does no step")
                    Optional<PlanView.StepView> step) {}

    /**
     * A breach the touch would cause: {@code warning} is one line for a form ("Too early: not before Mon 7 Dec 2026,
     * 09:00 (R6)"), {@code explanation} the engine's sentence; {@code notBefore} the step's earliest moment when the
     * touch is early (R6, R7), {@code deadline} the one it misses (R1).
     */
    public record WouldBreach(
            String rule,
            String ruleName,
            String warning,
            String explanation,
            Optional<OffsetDateTime> notBefore,
            Optional<OffsetDateTime> deadline) {}

    /**
     * A correction of a logged touch (decision 0019): the whole touch as it should have been logged, and the
     * {@code version} it corrects.
     */
    public record TouchCorrection(
            @NotNull TouchKind kind,
            @NotNull Channel channel,
            @NotNull Long recipientId,
            @Size(max = 500) String address,
            @NotNull OffsetDateTime sentAt,
            @Size(max = 500) String subject,
            @Size(max = 20000) String text,
            Integer version) {
        /** The same fields as a request to log, so a correction is checked by the rules that check a new touch. */
        public TouchRequest asRequest() {
            return new TouchRequest(kind, channel, recipientId, address, sentAt, subject, text);
        }
    }

    /**
     * {@code noteFindings} is the note check stored with the touch when it was logged or corrected (a list of
     * findings). A retracted touch has its {@code retraction} and no breaches: it no longer counts.
     */
    public record TouchView(
            long id,
            long interviewId,
            TouchKind kind,
            Channel channel,
            long recipientId,
            String address,
            OffsetDateTime sentAt,
            Optional<String> subject,
            Optional<String> text,
            List<PlanView.BreachView> breaches,
            @ArraySchema(schema = @Schema(implementation = FindingView.class)) JsonNode noteFindings,
            int version,
            Optional<RetractionView> retraction) {}

    /** Taking back a touch or reply that was logged by mistake; the {@code version} it takes back. */
    public record Retraction(@NotBlank @Size(max = 500) String reason, Integer version) {}

    /** When and by whom a touch or reply was retracted, and why. */
    public record RetractionView(OffsetDateTime at, long byUserId, String byName, String reason) {}

    public record ReplyRequest(
            @NotNull Long fromContactId,
            @NotNull OffsetDateTime receivedAt,
            @NotNull ReplyKind kind,
            LocalDate newDecisionDate) {}

    /** A correction of a logged reply (decision 0019): the reply as it should have been logged, and its version. */
    public record ReplyCorrection(
            @NotNull Long fromContactId,
            @NotNull OffsetDateTime receivedAt,
            @NotNull ReplyKind kind,
            LocalDate newDecisionDate,
            Integer version) {
        public ReplyRequest asRequest() {
            return new ReplyRequest(fromContactId, receivedAt, kind, newDecisionDate);
        }
    }

    /** A retracted reply has its {@code retraction}: it no longer counts. */
    public record ReplyView(
            long id,
            long interviewId,
            long fromContactId,
            OffsetDateTime receivedAt,
            ReplyKind kind,
            Optional<LocalDate> newDecisionDate,
            int version,
            Optional<RetractionView> retraction) {}

    /** A thank-you draft to check (R14 to R17) before it is sent. */
    public record DraftRequest(@NotNull Long recipientId, @NotNull @Size(max = 20000) String text) {}

    /** A finding as JSON: positions are character offsets into the text, end exclusive. */
    public record FindingView(
            String code,
            String rule,
            String severity,
            String message,
            Optional<Integer> start,
            Optional<Integer> end,
            List<String> suggestions) {
        public static FindingView of(NoteFinding finding) {
            return new FindingView(
                    finding.code().name(),
                    finding.rule().name(),
                    finding.severity().name(),
                    finding.message(),
                    finding.span().map(TextSpan::start),
                    finding.span().map(TextSpan::end),
                    finding.suggestions());
        }
    }

    public record SimilarView(String recipient, double similarity) {}

    public record NoteCheckView(
            List<FindingView> findings,
            int wordCount,
            Optional<SimilarView> mostSimilarNote,
            boolean thanksPresent,
            boolean interestPresent,
            boolean specificPresent,
            List<String> topicsMentioned) {
        public static NoteCheckView of(NoteCheck check) {
            return new NoteCheckView(
                    check.findings().stream().map(FindingView::of).toList(),
                    check.wordCount(),
                    check.mostSimilarNote()
                            .map(similar -> new SimilarView(similar.recipient().fullName(), similar.similarity())),
                    check.thanksPresent(),
                    check.interestPresent(),
                    check.specificPresent(),
                    check.topicsMentioned());
        }
    }
}
