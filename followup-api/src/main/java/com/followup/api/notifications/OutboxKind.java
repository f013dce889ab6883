package com.followup.api.notifications;

/** What a message of the outbox is. */
public enum OutboxKind {
    /** A candidate's reminders of the day: at most one a day. */
    CANDIDATE_DIGEST,
    /** A candidate's reminder of a deadline within hours, when the day's digest has already gone. */
    CANDIDATE_URGENT,
    /** A recruiter's daily list of missed deadlines, breaches and ghosted threads. */
    RECRUITER_DIGEST,
    /** A weekly report to one recipient: the row names the archived report, whose files are attached when sent. */
    WEEKLY_REPORT,
    /**
     * A password reset link or an invitation: sent whatever the recipient's e-mail preference (they asked for it, or
     * cannot log in without it), without an unsubscribe link, and with its link removed from the row once sent.
     */
    ACCOUNT,
    /** An admin told that a webhook endpoint was disabled after a day of failed deliveries (decision 0036). */
    WEBHOOK_ALERT
}
