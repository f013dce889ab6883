package com.followup.api.auth;

/** What a user may do. The names are the strings of {@code @RolesAllowed} and of the users.role column. */
public enum Role {
    /** Users, assignments, agency policy, everything. */
    ADMIN,
    /** Their assigned candidates, and the companies and contacts of those candidates' interviews. */
    RECRUITER,
    /** Only their own interviews, debriefs, touches and replies. */
    CANDIDATE;

    /** Role names for {@code @RolesAllowed}: compile-time constants. */
    public static final class Names {
        public static final String ADMIN = "ADMIN";
        public static final String RECRUITER = "RECRUITER";
        public static final String CANDIDATE = "CANDIDATE";

        private Names() {}
    }
}
