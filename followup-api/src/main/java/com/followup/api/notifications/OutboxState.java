package com.followup.api.notifications;

/** Where a message of the outbox stands. */
public enum OutboxState {
    /** Waiting for its due time or its next attempt. */
    PENDING,
    /** Claimed by one sender, which holds it until {@code locked_until}. */
    SENDING,
    SENT,
    /** Every attempt failed; {@code last_error} says why. */
    FAILED,
    /** Nothing left to say when its time came (the step was done, a reply came, e-mails were turned off). */
    CANCELLED
}
