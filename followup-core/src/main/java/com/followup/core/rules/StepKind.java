package com.followup.core.rules;

/** What a step of the plan asks for. */
public enum StepKind {
    /** R4, R20: write the debrief, which also informs the agency. */
    DEBRIEF,
    /** R1, R2, R3, R11: thank one interviewer; there is one such step per interviewer. */
    THANK_YOU,
    /** R6 to R10: ask the company where the decision stands. */
    STATUS_CHECK,
    /** R8, R18: stop following up; the thread closes without an answer. */
    CLOSING,
    /** R19: the optional thank-you after a rejection. */
    THANKS_AFTER_REJECTION
}
