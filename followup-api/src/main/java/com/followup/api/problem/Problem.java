package com.followup.api.problem;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.util.List;

/**
 * An error body as RFC 9457 problem details, served as {@code application/problem+json}. {@code code} is a
 * stable machine-readable error code; {@code rule} names the follow-up rule (R1..R20) an error enforces.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        URI type, String title, int status, String detail, String code, String rule, List<FieldError> errors) {
    public static final String MEDIA_TYPE = "application/problem+json";

    /** One wrong field of a request body or parameter. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(String field, String message, String rule) {
        public FieldError {
            requireNonNull(field, "field is null");
            requireNonNull(message, "message is null");
        }

        public static FieldError of(String field, String message) {
            return new FieldError(field, message, null);
        }
    }

    public Problem {
        requireNonNull(type, "type is null");
        requireNonNull(title, "title is null");
        requireNonNull(code, "code is null");
        errors = errors == null || errors.isEmpty() ? null : List.copyOf(errors);
    }

    /** The problem of {@code code}, with its status and title. */
    public static Problem of(ErrorCode code, String detail) {
        return new Problem(typeOf(code.code()), code.title(), code.status(), detail, code.code(), null, null);
    }

    public Problem withRule(String ruleId) {
        return new Problem(type, title, status, detail, code, ruleId, errors);
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, code, rule, fieldErrors);
    }

    /** The type URI names the code, which docs/api.md describes. */
    static URI typeOf(String code) {
        return URI.create(
                "https://followup.example/problems/" + code.toLowerCase().replace('_', '-'));
    }
}
