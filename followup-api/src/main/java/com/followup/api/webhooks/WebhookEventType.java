package com.followup.api.webhooks;

import java.util.Arrays;
import java.util.Optional;

/** The events an endpoint can ask for; {@link #wire()} is the {@code type} in the body (docs/webhooks.md). */
public enum WebhookEventType {
    INTERVIEW_CREATED("interview.created"),
    INTERVIEW_CHANGED("interview.changed"),
    TOUCH_LOGGED("touch.logged"),
    TOUCH_CORRECTED("touch.corrected"),
    REPLY_LOGGED("reply.logged"),
    BREACH_DETECTED("breach.detected"),
    STEP_OVERDUE("step.overdue"),
    THREAD_CLOSED("thread.closed"),
    OUTCOME_RECORDED("outcome.recorded"),
    REPORT_PRODUCED("report.produced");

    private final String wire;

    WebhookEventType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<WebhookEventType> ofWire(String wire) {
        return Arrays.stream(values()).filter(type -> type.wire.equals(wire)).findFirst();
    }
}
