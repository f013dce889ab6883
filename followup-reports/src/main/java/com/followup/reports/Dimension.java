package com.followup.reports;

/** How the interviews of a week are grouped in the report. */
public enum Dimension {
    /** The whole scope: the agency, or one recruiter's candidates. The only dimension of the eight-week trend. */
    AGENCY,
    /** By recruiter assigned to the candidate; a candidate with two recruiters counts under both. */
    RECRUITER,
    CANDIDATE,
    /** By client company. */
    COMPANY,
    /** By interviewer recorded as the company's hiring manager; an interview may count under several. */
    HIRING_MANAGER
}
