package com.followup.core.model;

/** How the application ended for this interview. */
public enum OutcomeKind {
    OFFER,
    REJECTION,
    /** The candidate withdrew. */
    WITHDRAWN,
    /** The candidate goes on to the next round, a new interview with its own plan. */
    NEXT_ROUND
}
