package com.followup.api.problem;

import static java.util.Objects.requireNonNull;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/** Thrown by resources and services to answer with a problem; the response is built here once. */
public class ProblemException extends WebApplicationException {
    private final Problem problem;

    public ProblemException(Problem problem) {
        this(problem, Map.of());
    }

    /** A problem answered with extra headers, such as {@code Retry-After}. */
    public ProblemException(Problem problem, Map<String, Object> headers) {
        super(problem.detail(), response(problem, headers));
        this.problem = requireNonNull(problem, "problem is null");
    }

    public Problem problem() {
        return problem;
    }

    public static Response response(Problem problem) {
        return response(problem, Map.of());
    }

    /** The response of {@code problem} with extra headers, such as {@code Retry-After}. */
    public static Response response(Problem problem, Map<String, Object> headers) {
        Response.ResponseBuilder builder =
                Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
        headers.forEach(builder::header);
        return builder.build();
    }

    /** A problem of {@code code}, answered with the code's status. */
    public static ProblemException of(ErrorCode code, String detail) {
        return new ProblemException(Problem.of(code, detail));
    }

    /** A problem of {@code code} that names the wrong fields. */
    public static ProblemException of(ErrorCode code, String detail, List<Problem.FieldError> errors) {
        return new ProblemException(Problem.of(code, detail).withErrors(errors));
    }

    public static ProblemException notFound(String what) {
        return of(ErrorCode.NOT_FOUND, what + " does not exist");
    }

    public static ProblemException unauthorized(String detail) {
        return of(ErrorCode.NOT_AUTHENTICATED, detail);
    }

    // badRequest, conflict and forbidden say at the call site what kind of refusal it is; the code must agree.

    public static ProblemException badRequest(ErrorCode code, String detail, List<Problem.FieldError> errors) {
        return of(requireStatus(code, 400), detail, errors);
    }

    public static ProblemException conflict(ErrorCode code, String detail) {
        return of(requireStatus(code, 409), detail);
    }

    public static ProblemException forbidden(ErrorCode code, String detail) {
        return of(requireStatus(code, 403), detail);
    }

    private static ErrorCode requireStatus(ErrorCode code, int status) {
        requireNonNull(code, "code is null");
        if (code.status() != status) {
            throw new IllegalArgumentException(code + " answers " + code.status() + ", not " + status);
        }
        return code;
    }
}
