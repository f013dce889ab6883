package com.followup.core.model;

/** What a touch is for. The kind, not the channel, decides which rules apply to it. */
public enum TouchKind {
    /** R1, R2, R3, R11, R14 to R17: the note after the interview, one per interviewer. */
    THANK_YOU,
    /** R6 to R10: asking the company where the decision stands. */
    STATUS_CHECK,
    /** Something the candidate left out or the company asked for; it is not a status check. */
    EXTRA_INFORMATION,
    /** R19: the courteous note after a rejection. */
    THANKS_AFTER_REJECTION,
    /** R13: flowers, plants, anything of value. Always a breach. */
    GIFT,
    /** R13: always a breach. */
    FACEBOOK_FRIEND_REQUEST,
    /** R13 allows it; it is not a status check and does not count for spacing. */
    LINKEDIN_CONNECTION
}
