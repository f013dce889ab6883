package com.followup.core.rules;

/**
 * Where a step stands at the evaluated instant. States speak about the step's deadline; whether a done step broke a
 * rule on the way (sent before R6's date, too soon after the last follow-up) is in the plan's breaches.
 */
public enum StepState {
    /** Its window has not opened yet. */
    NOT_YET,
    /** Its window is open and the deadline, if any, is not close. */
    OPEN,
    /** Its deadline is within the agency's "due soon" time (the deadline itself included). */
    DUE_SOON,
    /** The deadline passed, it is not done, and doing it late still helps (the debrief). */
    OVERDUE,
    /** Done no later than its deadline, or done at all when it has none. */
    DONE_ON_TIME,
    /** Done after its deadline. */
    DONE_LATE,
    /** The deadline passed and the moment for it is gone (a thank-you nobody sent). */
    MISSED,
    /** Nothing to do any more: the outcome is known, or an optional step's window closed. */
    NOT_NEEDED;

    public boolean isDone() {
        return switch (this) {
            case DONE_ON_TIME, DONE_LATE -> true;
            case NOT_YET, OPEN, DUE_SOON, OVERDUE, MISSED, NOT_NEEDED -> false;
        };
    }
}
