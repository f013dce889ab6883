package com.followup.core.rules;

/** Where the thread of status checks with the company stands (R8, R18). */
public enum ThreadStatus {
    /** Status checks may still go out, or an answer may still come. */
    OPEN,
    /** R8: the allowed status checks went unanswered for the spacing: the company ghosted the candidate. */
    CLOSED_NO_RESPONSE,
    /** R18: as above for a company known not to reply; nothing is held against the candidate. */
    CLOSED_NO_REPLY_EXPECTED,
    /** The company decided (a decision reply or a recorded outcome): nothing is left to chase. */
    DECIDED
}
