package com.followup.core.policy;

/** Where a resolved policy value came from, most general first. */
public enum ValueSource {
    /** The agency's policy, the same for every company. */
    AGENCY_DEFAULT,
    /** The client company's override. */
    COMPANY,
    /** The interview's recorded timeline, or a reply that changed it. */
    INTERVIEW
}
