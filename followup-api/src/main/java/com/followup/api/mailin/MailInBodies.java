package com.followup.api.mailin;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.Optional;

/** The request and response bodies of mail-in ({@link MailIn}), shared by the API and the portal. */
public final class MailInBodies {
    private MailInBodies() {}

    /** The candidate's logging address: BCC it on a follow-up, forward a company's reply to it. */
    public record AddressView(String address, Instant createdAt, Instant renewedAt) {}

    /**
     * A message that could not be placed on an interview, waiting for the candidate. {@code direction} is
     * {@code SENT} (the candidate wrote to the company) or {@code FORWARDED_REPLY} (the company's reply, forwarded);
     * {@code counterpart} the addresses it went to, or the one the reply came from.
     */
    public record UnplacedView(
            long id,
            String direction,
            Instant sentAt,
            String counterpart,
            Optional<String> subject,
            Optional<String> text,
            String reason,
            Instant readAt) {}

    /**
     * Where an unplaced message belongs: the interview, the contact it went to (or came from), and what it was: a
     * touch's kind ({@code THANK_YOU}, {@code STATUS_CHECK}, ...) for a sent message, a reply's ({@code UPDATE}, ...)
     * for a forwarded reply.
     */
    public record AssignRequest(@NotNull Long interviewId, @NotNull Long contactId, @NotBlank String kind) {}

    /** What an assignment logged: a touch or a reply, and its id. */
    public record AssignedView(long unplacedId, long interviewId, String logged, long id) {}
}
