package com.followup.reports;

import com.followup.api.auth.UserPrincipal;
import com.followup.api.problem.ErrorCode;
import com.followup.api.problem.Problem;
import com.followup.api.problem.ProblemException;
import java.util.List;
import java.util.Optional;

/**
 * Who may see and produce which report, for every door (the API's report routes and the portal's reports page): an
 * admin any scope, the agency by default; a recruiter only the report of their own candidates; a candidate none.
 */
public final class ReportAccess {
    private ReportAccess() {}

    /** The scope whose archive the caller sees: empty for every scope (admins), else the recruiter's own. */
    public static Optional<ReportScope> visibleScope(UserPrincipal user) {
        return switch (user.role()) {
            case ADMIN -> Optional.empty();
            case RECRUITER -> Optional.of(ReportScope.recruiter(user.id()));
            case CANDIDATE -> throw forbidden();
        };
    }

    /** Whether the caller may read an archived report of {@code scope} ({@code agency}, {@code recruiter:42}). */
    public static boolean maySee(UserPrincipal user, String scope) {
        return visibleScope(user).map(own -> own.toString().equals(scope)).orElse(true);
    }

    /**
     * The scope asked for ({@code scope} is {@code agency}, {@code recruiter} or absent; {@code recruiterId} may be
     * absent). Admins: the agency (default) or one recruiter. Recruiters: their own candidates, never the agency nor
     * another recruiter's (403).
     */
    public static ReportScope scope(UserPrincipal user, String scope, Long recruiterId) {
        boolean agencyAsked = "agency".equals(scope);
        if (scope != null && !agencyAsked && !"recruiter".equals(scope)) {
            throw ProblemException.badRequest(
                    ErrorCode.INVALID_SCOPE,
                    "scope is agency or recruiter",
                    List.of(Problem.FieldError.of("scope", "agency or recruiter")));
        }
        return switch (user.role()) {
            case ADMIN -> {
                if (recruiterId != null && !agencyAsked) {
                    yield ReportScope.recruiter(recruiterId);
                }
                if ("recruiter".equals(scope)) {
                    throw ProblemException.badRequest(
                            ErrorCode.INVALID_SCOPE,
                            "a recruiter scope needs recruiterId",
                            List.of(Problem.FieldError.of("recruiterId", "required")));
                }
                yield ReportScope.AGENCY;
            }
            case RECRUITER -> {
                if (agencyAsked) {
                    throw ProblemException.forbidden(
                            ErrorCode.AGENCY_REPORT_FORBIDDEN, "A recruiter's report covers their own candidates.");
                }
                if (recruiterId != null && recruiterId != user.id()) {
                    throw ProblemException.forbidden(
                            ErrorCode.OTHER_RECRUITER_FORBIDDEN, "A recruiter's report covers their own candidates.");
                }
                yield ReportScope.recruiter(user.id());
            }
            case CANDIDATE -> throw forbidden();
        };
    }

    private static ProblemException forbidden() {
        return ProblemException.forbidden(ErrorCode.REPORTS_FORBIDDEN, "Reports are for the agency.");
    }
}
