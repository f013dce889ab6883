package com.followup.core.model;

/** What the company's reply says. Every reply restarts the thread of status checks. */
public enum ReplyKind {
    /** "Thank you, we received it." */
    ACKNOWLEDGEMENT,
    /** News on the process, possibly with a new decision date that becomes the timeline (R6). */
    UPDATE,
    /** The company decided; nothing is left to chase even before the outcome is recorded. */
    DECISION,
    /** The company asks for something (references, work samples...). */
    REQUEST
}
