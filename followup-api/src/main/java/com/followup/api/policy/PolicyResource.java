package com.followup.api.policy;

import static java.util.Objects.requireNonNull;

import com.followup.api.audit.Audit;
import com.followup.api.auth.Role;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.problem.ErrorCode;
import com.followup.api.problem.Problem;
import com.followup.api.problem.ProblemException;
import com.followup.core.policy.AgencyPolicy;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.DateTimeException;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** The agency policy: every rule's value (R1-R20 defaults as the agency set them). */
@Path("/api/policy")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PolicyResource {
    private final Jdbi jdbi;
    private final JdbiPolicyStore store;
    private final Audit audit;

    public PolicyResource(Jdbi jdbi, JdbiPolicyStore store, Audit audit) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.store = requireNonNull(store, "store is null");
        this.audit = requireNonNull(audit, "audit is null");
    }

    @GET
    @RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER, Role.Names.CANDIDATE})
    public PolicyDocument get() {
        JdbiPolicyStore.Versioned current = jdbi.withHandle(store::read);
        return PolicyDocument.of(current.policy(), current.version());
    }

    @PUT
    @RolesAllowed(Role.Names.ADMIN)
    public PolicyDocument put(@Auth UserPrincipal admin, @NotNull @Valid PolicyDocument document) {
        if (document.version() == null) {
            throw ProblemException.badRequest(
                    ErrorCode.VERSION_REQUIRED,
                    "A change must say which version it changes.",
                    List.of(Problem.FieldError.of("version", "is required")));
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
            JdbiPolicyStore.Versioned saved = store.read(handle);
            return PolicyDocument.of(saved.policy(), saved.version());
        });
    }
}
