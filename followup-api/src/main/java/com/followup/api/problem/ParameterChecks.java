package com.followup.api.problem;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The text of query strings and forms held to {@link InputBounds}' rule for JSON bodies: no NUL character (400 naming
 * the parameter), and percent-encoding that decodes (400 instead of an {@code IllegalArgumentException} from the
 * decoder). Together with the JSON module, no text with U+0000 reaches PostgreSQL; a path with one never gets this far
 * (Jetty refuses it, and {@link ProblemErrorHandler} answers).
 */
public final class ParameterChecks {
    private ParameterChecks() {}

    /** The query string, before any resource is chosen. */
    @PreMatching
    @Priority(Priorities.AUTHENTICATION - 50)
    public static final class Query implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext request) {
            MultivaluedMap<String, String> query;
            try {
                query = request.getUriInfo().getQueryParameters();
            } catch (IllegalArgumentException badEncoding) {
                throw ProblemException.badRequest(
                        ErrorCode.INVALID_PARAMETER,
                        "The query string is not valid percent-encoding.",
                        List.of(Problem.FieldError.of("query", "is not valid percent-encoding")));
            }
            check(query);
        }
    }

    /** URL-encoded forms (the portal's, and any the API reads), once read. */
    public static final class Forms implements ReaderInterceptor {
        @Override
        public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
            MediaType type = context.getMediaType();
            if (type == null || !MediaType.APPLICATION_FORM_URLENCODED_TYPE.isCompatible(type)) {
                return context.proceed();
            }
            Object form;
            try {
                form = context.proceed();
            } catch (IllegalArgumentException badEncoding) {
                throw ProblemException.of(
                        ErrorCode.MALFORMED_REQUEST, "The form is not valid URL encoding: " + badEncoding.getMessage());
            }
            if (form instanceof Form whole) {
                check(whole.asMap());
            } else if (form instanceof MultivaluedMap<?, ?> fields) {
                check(fields);
            }
            return form;
        }
    }

    private static void check(MultivaluedMap<?, ?> fields) {
        for (Map.Entry<?, ? extends List<?>> field : fields.entrySet()) {
            String name = String.valueOf(field.getKey());
            if (InputBounds.textProblem(name).isPresent()) {
                throw nul("name of a parameter");
            }
            for (Object value : field.getValue()) {
                if (value instanceof String text
                        && InputBounds.textProblem(text).isPresent()) {
                    throw nul(name);
                }
            }
        }
    }

    private static ProblemException nul(String field) {
        String message = InputBounds.textProblem("\0").orElseThrow();
        return ProblemException.badRequest(
                ErrorCode.NUL_CHARACTER, field + " " + message, List.of(Problem.FieldError.of(field, message)));
    }
}
