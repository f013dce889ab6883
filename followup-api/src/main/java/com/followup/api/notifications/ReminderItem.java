package com.followup.api.notifications;

import static java.util.Objects.requireNonNull;

import com.followup.core.rules.StepKind;
import java.time.Instant;
import java.util.Optional;

/**
 * One step of a plan an e-mail reminds of: it opened, or its deadline is near.
 *
 * @param moment the window's earliest moment (opens) or its deadline (due soon): a moved window is a new item
 */
public record ReminderItem(
        long interviewId, StepKind kind, int sequence, Optional<Long> contactId, Event event, Instant moment) {
    public enum Event {
        OPENS,
        DUE_SOON
    }

    public ReminderItem {
        requireNonNull(kind, "kind is null");
        requireNonNull(contactId, "contactId is null");
        requireNonNull(event, "event is null");
        requireNonNull(moment, "moment is null");
    }

    /** The dedupe key of the item: a step is announced once per event and window. */
    public String key() {
        return "step:" + interviewId + ":" + kind + ":" + sequence + ":"
                + contactId.map(String::valueOf).orElse("-") + ":" + (event == Event.OPENS ? "opens" : "due-soon") + ":"
                + moment.getEpochSecond();
    }
}
