package com.followup.core.model;

/** The part a contact plays in the hiring process. */
public enum ContactRole {
    INTERVIEWER,
    HIRING_MANAGER,
    RECRUITER
}
