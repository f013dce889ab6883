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

    public static ProblemException notFound(String what) {
        return new ProblemException(Problem.of(404, "NOT_FOUND", "Not found", what + " does not exist"));
    }

    public static ProblemException badRequest(String code, String detail, List<Problem.FieldError> errors) {
        return new ProblemException(
                Problem.of(400, code, "The request is not valid", detail).withErrors(errors));
    }

    public static ProblemException conflict(String code, String detail) {
        return new ProblemException(Problem.of(409, code, "Conflict", detail));
    }

    public static ProblemException unauthorized(String detail) {
        return new ProblemException(Problem.of(401, "NOT_AUTHENTICATED", "Login required", detail));
    }

    public static ProblemException forbidden(String code, String detail) {
        return new ProblemException(Problem.of(403, code, "Forbidden", detail));
    }
}
