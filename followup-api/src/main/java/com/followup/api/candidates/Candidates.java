package com.followup.api.candidates;

import static java.util.Objects.requireNonNull;

import com.followup.api.access.Visibility;
import com.followup.api.audit.Audit;
import com.followup.api.auth.Role;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.candidates.CandidateBodies.CandidateRequest;
import com.followup.api.candidates.CandidateBodies.CandidateView;
import com.followup.api.problem.ErrorCode;
import com.followup.api.problem.Problem;
import com.followup.api.problem.ProblemException;
import com.followup.api.problem.Versions;
import com.followup.api.representations.Page;
import com.followup.core.model.Candidate;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The candidate use cases, for the API's {@code CandidateResource} and the portal's pages alike: candidates and the
 * recruiters they are assigned to. Each takes the caller and a request, checks that the caller may see the candidate
 * ({@link Visibility}: 404 otherwise) and that the request is valid, runs in one transaction, writes the audit entry
 * of a change, and returns a view.
 */
public final class Candidates {
    private final Jdbi jdbi;
    private final Audit audit;

    public Candidates(Jdbi jdbi, Audit audit) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.audit = requireNonNull(audit, "audit is null");
    }

    /** The caller's candidates whose name or email contains {@code query}, optionally those of one recruiter. */
    public Page<CandidateView> list(UserPrincipal user, String query, Long recruiterId, int limit, long offset) {
        String text = query == null || query.isBlank() ? null : query.trim();
        return jdbi.inTransaction(handle -> {
            CandidateRepository candidates = handle.attach(CandidateRepository.class);
            String role = user.role().name();
            List<CandidateView> items = candidates.visible(role, user.id(), text, recruiterId, limit, offset);
            long total = candidates.countVisible(role, user.id(), text, recruiterId);
            return new Page<>(items, total, limit, offset);
        });
    }

    public CandidateView get(UserPrincipal user, long id) {
        return jdbi.inTransaction(handle -> {
            Visibility.requireCandidate(handle, user, id);
            return requireCandidate(handle.attach(CandidateRepository.class), id);
        });
    }

    /** The names of the recruiters who look after a candidate the caller may see. */
    public List<String> recruiterNames(UserPrincipal user, long id) {
        return jdbi.inTransaction(handle -> {
            Visibility.requireCandidate(handle, user, id);
            return handle.attach(CandidateRepository.class).recruiterNames(id);
        });
    }

    /**
     * The time zone of a candidate the caller may see; empty for one they may not see or that does not exist (the
     * use case the zone is for then answers that the candidate is not found).
     */
    public Optional<ZoneId> zoneOf(UserPrincipal user, long id) {
        return jdbi.withHandle(handle -> Visibility.canSeeCandidate(handle, user, id)
                ? handle.attach(CandidateRepository.class).candidate(id).map(candidate -> ZoneId.of(candidate.zone()))
                : Optional.empty());
    }

    /** The time zone of the candidate who is the caller (a candidate's login); empty for any other caller. */
    public Optional<ZoneId> ownZone(UserPrincipal user) {
        if (!user.is(Role.CANDIDATE)) {
            return Optional.empty();
        }
        return jdbi.withHandle(
                        handle -> handle.attach(CandidateRepository.class).zoneOfLogin(user.id()))
                .map(ZoneId::of);
    }

    public CandidateView create(UserPrincipal user, CandidateRequest request) {
        ZoneId zone = zone(request.zone());
        return jdbi.inTransaction(handle -> create(handle, user, request, zone));
    }

    /**
     * Creates a candidate in the transaction of another use case that makes the candidate part of its own change (a
     * candidate's login and profile, made together by {@code Users.createCandidateLogin}).
     */
    public CandidateView create(Handle handle, UserPrincipal user, CandidateRequest request) {
        return create(handle, user, request, zone(request.zone()));
    }

    private CandidateView create(Handle handle, UserPrincipal user, CandidateRequest request, ZoneId zone) {
        requireName(request.name());
        CandidateRepository candidates = handle.attach(CandidateRepository.class);
        requireUnusedEmail(candidates, user, request.email(), Optional.empty());
        Optional.ofNullable(request.userId())
                .ifPresent(userId -> requireCandidateLogin(candidates, user, userId, Optional.empty()));
        long id = candidates.insertCandidate(
                request.name().trim(), request.email().trim(), zone.getId(), request.userId());
        if (user.role() == Role.RECRUITER) {
            // A recruiter who adds a candidate looks after them; otherwise the candidate would vanish from view.
            candidates.assign(id, user.id());
        }
        audit.record(handle, user, "candidate.created", "candidate", id, Map.of("name", request.name()));
        return requireCandidate(candidates, id);
    }

    public CandidateView update(UserPrincipal user, long id, CandidateRequest request) {
        requireName(request.name());
        ZoneId zone = zone(request.zone());
        int version = Versions.require(request.version());
        return jdbi.inTransaction(handle -> {
            Visibility.requireCandidate(handle, user, id);
            CandidateRepository candidates = handle.attach(CandidateRepository.class);
            requireUnusedEmail(candidates, user, request.email(), Optional.of(id));
            Optional.ofNullable(request.userId())
                    .ifPresent(userId -> requireCandidateLogin(candidates, user, userId, Optional.of(id)));
            int updated = candidates.updateCandidate(
                    id, version, request.name().trim(), request.email().trim(), zone.getId(), request.userId());
            Versions.requireUpdated(updated, "candidate " + id);
            audit.record(handle, user, "candidate.updated", "candidate", id, Map.of("name", request.name()));
            return requireCandidate(candidates, id);
        });
    }

    /** Assigns an active recruiter; assigning twice is not an error (a retried request) and is audited once. */
    public CandidateView assignRecruiter(UserPrincipal user, long id, long recruiterId) {
        return jdbi.inTransaction(handle -> {
            Visibility.requireCandidate(handle, user, id);
            CandidateRepository candidates = handle.attach(CandidateRepository.class);
            if (!candidates.isActiveRecruiter(recruiterId)) {
                throw ProblemException.badRequest(
                        ErrorCode.NOT_A_RECRUITER,
                        "User " + recruiterId + " is not an active recruiter.",
                        List.of(Problem.FieldError.of("recruiterId", "is not an active recruiter")));
            }
            if (candidates.assign(id, recruiterId) > 0) {
                audit.record(handle, user, "candidate.assigned", "candidate", id, Map.of("recruiter", recruiterId));
            }
            return requireCandidate(candidates, id);
        });
    }

    /** Removes an assignment; removing one that does not exist changes nothing and is not audited. */
    public CandidateView unassignRecruiter(UserPrincipal user, long id, long recruiterId) {
        return jdbi.inTransaction(handle -> {
            Visibility.requireCandidate(handle, user, id);
            CandidateRepository candidates = handle.attach(CandidateRepository.class);
            if (candidates.unassign(id, recruiterId) > 0) {
                audit.record(handle, user, "candidate.unassigned", "candidate", id, Map.of("recruiter", recruiterId));
            }
            return requireCandidate(candidates, id);
        });
    }

    private static CandidateView requireCandidate(CandidateRepository candidates, long id) {
        return candidates.candidate(id).orElseThrow(() -> ProblemException.notFound("Candidate " + id));
    }

    /**
     * A candidate's email is unique in the agency. An admin sees every candidate and is told so; a recruiter, who
     * may not see the candidate that has it, is told only that the email cannot be used (issue 15: the conflict told a
     * recruiter that the address belonged to another recruiter's candidate).
     */
    private static void requireUnusedEmail(
            CandidateRepository candidates, UserPrincipal user, String email, Optional<Long> except) {
        if (candidates.emailTaken(email.trim(), except.orElse(null))) {
            String detail = user.role() == Role.ADMIN
                    ? "A candidate with this email exists."
                    : "This email cannot be used for a candidate; an admin can say why.";
            throw new ProblemException(Problem.of(ErrorCode.EMAIL_TAKEN, detail)
                    .withErrors(List.of(Problem.FieldError.of("email", "cannot be used"))));
        }
    }

    /**
     * The login linked to a candidate must be a candidate login linked to no other candidate. An admin is told which
     * of the two it is not; a recruiter gets one answer for a missing user, a staff login and another candidate's
     * login alike, so the check does not tell them about logins they may not know (issue 15).
     */
    private static void requireCandidateLogin(
            CandidateRepository candidates, UserPrincipal user, long userId, Optional<Long> except) {
        boolean admin = user.role() == Role.ADMIN;
        boolean candidateLogin = candidates.isCandidateLogin(userId);
        boolean linked = candidateLogin && candidates.loginLinked(userId, except.orElse(null));
        if (!admin && (!candidateLogin || linked)) {
            throw ProblemException.badRequest(
                    ErrorCode.NOT_A_CANDIDATE_LOGIN,
                    "User " + userId + " is not a candidate login that can be linked here.",
                    List.of(Problem.FieldError.of("userId", "is not a free candidate login")));
        }
        if (!candidateLogin) {
            throw ProblemException.badRequest(
                    ErrorCode.NOT_A_CANDIDATE_LOGIN,
                    "User " + userId + " is not a candidate login.",
                    List.of(Problem.FieldError.of("userId", "is not a user with the role CANDIDATE")));
        }
        if (linked) {
            throw new ProblemException(
                    Problem.of(ErrorCode.LOGIN_IN_USE, "This login already belongs to another candidate.")
                            .withErrors(List.of(Problem.FieldError.of("userId", "belongs to another candidate"))));
        }
    }

    private static ZoneId zone(String zone) {
        try {
            return ZoneId.of(zone.trim());
        } catch (DateTimeException e) {
            throw ProblemException.badRequest(
                    ErrorCode.UNKNOWN_TIME_ZONE,
                    "'" + zone + "' is not a time zone.",
                    List.of(Problem.FieldError.of("zone", "is not an IANA time zone such as Europe/Berlin")));
        }
    }

    /** The core's {@link Candidate#blankName} rule, refused before the candidate is written (changeset 0015 too). */
    private static void requireName(String name) {
        if (name != null && Candidate.blankName(name).isPresent()) {
            throw ProblemException.badRequest(
                    ErrorCode.BLANK_NAME,
                    "A name needs a letter or a digit, not only white space.",
                    List.of(Problem.FieldError.of("name", "is blank")));
        }
    }
}
