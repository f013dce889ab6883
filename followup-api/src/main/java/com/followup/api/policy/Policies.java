package com.followup.api.policy;

import static java.util.Objects.requireNonNull;

import com.followup.api.audit.Audit;
import com.followup.api.auth.Role;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.problem.ErrorCode;
import com.followup.api.problem.Problem;
import com.followup.api.problem.ProblemException;
import com.followup.core.policy.AgencyPolicy;
import java.time.DateTimeException;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * The agency policy's use cases (every rule's value, R1-R20 as the agency set them), for the API's
 * {@code PolicyResource} and the portal's pages alike. Every login may read the policy; only an admin may change it,
 * naming the version they read, in one transaction with its audit entry. The row's SQL and the cache of the current
 * policy are in {@link JdbiPolicyStore}.
 */
public final class Policies {
    private final Jdbi jdbi;
    private final JdbiPolicyStore store;
    private final Audit audit;

    public Policies(Jdbi jdbi, JdbiPolicyStore store, Audit audit) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.store = requireNonNull(store, "store is null");
        this.audit = requireNonNull(audit, "audit is null");
    }

    /** The policy as stored now, with its version: read past the cache, since a change will name this version. */
    public PolicyDocument get() {
        return document(jdbi.withHandle(store::read));
    }

    /** Stores {@code document} if the caller is an admin, it is a valid policy and its version is current. */
    public PolicyDocument update(UserPrincipal admin, PolicyDocument document) {
        if (!admin.is(Role.ADMIN)) {
            // The doors allow only admins already; the service refuses on its own too, so a new door cannot forget.
            throw ProblemException.forbidden(ErrorCode.FORBIDDEN, "Only an admin may change the agency policy.");
        }
        if (document.version() == null) {
            throw ProblemException.badRequest(
                    ErrorCode.VERSION_REQUIRED,
                    "A change must say which version it changes.",
                    List.of(Problem.FieldError.of("version", "is required")));
        }
        // R6, working hours: the country and region name their own fields, so a form can show the error beside them.
        try {
            PublicHolidays.calendar(document.holidayCountry(), document.holidayRegion());
        } catch (PublicHolidays.UnknownCalendarException e) {
            throw ProblemException.badRequest(
                    ErrorCode.INVALID_POLICY,
                    "R6: " + e.field() + ": " + e.getMessage() + ".",
                    List.of(new Problem.FieldError(e.field(), e.getMessage(), "R6")));
        }
        AgencyPolicy policy;
        try {
            policy = document.toPolicy();
        } catch (IllegalArgumentException | DateTimeException e) {
            throw ProblemException.badRequest(ErrorCode.INVALID_POLICY, e.getMessage(), List.of());
        }
        return jdbi.inTransaction(handle -> {
            if (!store.write(handle, policy, document.version(), admin.id())) {
                throw ProblemException.conflict(
                        ErrorCode.STALE_VERSION,
                        "The policy was changed by someone else; reload it and apply your change again.");
            }
            audit.record(handle, admin, "policy.updated", "policy", 1, Map.of("version", document.version() + 1));
            return document(store.read(handle));
        });
    }

    private static PolicyDocument document(JdbiPolicyStore.Versioned stored) {
        return PolicyDocument.of(stored.policy(), stored.version());
    }
}
