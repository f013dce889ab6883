package com.followup.core.model;

/** Where the interview took place. */
public enum InterviewFormat {
    ON_SITE,
    VIDEO,
    PHONE
}
