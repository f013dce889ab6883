package com.followup.api.problem;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.followup.api.db.DatabaseFailures;
import com.followup.api.db.DatabaseOutage;
import com.followup.api.db.JdbiInterviewRecords;
import io.dropwizard.jersey.validation.JerseyViolationException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.zip.ZipException;
import org.eclipse.jetty.http.HttpException;
import org.glassfish.jersey.server.ParamException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The exception mappers that turn every failure into one error format: problem details. */
public final class ProblemMappers {
    /** What a client is asked to wait, in seconds, before trying again while the database is unavailable. */
    public static final int DATABASE_RETRY_AFTER_SECONDS = 2;

    private static final Logger LOG = LoggerFactory.getLogger(ProblemMappers.class);

    private ProblemMappers() {}

    /**
     * All mappers, for registration with Jersey in place of Dropwizard's defaults; {@code outage} hears of every
     * request that failed because the database is unavailable.
     */
    public static List<Object> all(DatabaseOutage outage) {
        return List.of(new WebApplication(), new Validation(), new Json(), new Unexpected(outage));
    }

    /**
     * Jersey's and our own HTTP exceptions; a {@link ProblemException} already carries its body. A query, header,
     * cookie or form parameter that cannot be converted to its type (a {@code limit} of {@code abc}) is the client's
     * mistake: 400 naming the parameter, where Jersey would answer 404 for a query parameter. A path parameter of the
     * wrong type stays 404: no such resource.
     */
    public static final class WebApplication implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException exception) {
            if (exception instanceof ProblemException) {
                return exception.getResponse();
            }
            if (exception instanceof ParamException parameter
                    && parameter.getParameterType() != jakarta.ws.rs.PathParam.class
                    && parameter.getParameterType() != jakarta.ws.rs.MatrixParam.class) {
                String name = parameter.getParameterName();
                String message = "has the wrong type or format";
                return ProblemException.response(Problem.of(ErrorCode.INVALID_PARAMETER, name + " " + message)
                        .withErrors(List.of(Problem.FieldError.of(name, message))));
            }
            Response original = exception.getResponse();
            int status = original.getStatus();
            Response.Status.Family family = Response.Status.Family.familyOf(status);
            if (family != Response.Status.Family.CLIENT_ERROR && family != Response.Status.Family.SERVER_ERROR) {
                return original;
            }
            String reason = original.getStatusInfo().getReasonPhrase();
            Problem problem = frameworkProblem(status, reason, detailOf(exception, reason));
            Response.ResponseBuilder builder =
                    Response.fromResponse(original).type(Problem.MEDIA_TYPE).entity(problem);
            return builder.build();
        }

        private static String detailOf(WebApplicationException exception, String reason) {
            String message = exception.getMessage();
            // Jersey's messages name the status ("HTTP 404 Not Found"): say something useful instead.
            if (message == null || message.startsWith("HTTP ")) {
                return reason;
            }
            return message;
        }
    }

    /**
     * The problem of a status the framework (Jersey or Jetty) answers by itself, titled with its reason phrase ("Not
     * Found") rather than the code's own title.
     */
    public static Problem frameworkProblem(int status, String reason, String detail) {
        String title = reason == null || reason.isBlank() ? "HTTP " + status : reason;
        String code = frameworkCode(status).map(ErrorCode::code).orElseGet(() -> title.toUpperCase()
                .replaceAll("[^A-Z0-9]+", "_"));
        return new Problem(Problem.typeOf(code), title, status, detail, code, null, null);
    }

    /**
     * The code of a status the framework answers by itself. A status not listed here (none is known to reach this)
     * gets a code made from its reason phrase, which docs/api.md does not list.
     */
    static Optional<ErrorCode> frameworkCode(int status) {
        return switch (status) {
            case 400 -> Optional.of(ErrorCode.BAD_REQUEST);
            case 403 -> Optional.of(ErrorCode.FORBIDDEN);
            case 404 -> Optional.of(ErrorCode.NOT_FOUND);
            case 405 -> Optional.of(ErrorCode.METHOD_NOT_ALLOWED);
            case 406 -> Optional.of(ErrorCode.NOT_ACCEPTABLE);
            case 413 -> Optional.of(ErrorCode.BODY_TOO_LARGE);
            case 414 -> Optional.of(ErrorCode.URI_TOO_LONG);
            case 415 -> Optional.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
            case 431 -> Optional.of(ErrorCode.HEADERS_TOO_LARGE);
            case 500 -> Optional.of(ErrorCode.INTERNAL_ERROR);
            default -> Optional.empty();
        };
    }

    /**
     * The client's fault hidden in a failure to read the body, which Jersey hands over wrapped: a body over the size
     * limit ({@link BodyLimit}), a body that says {@code Content-Encoding: gzip} but is not, a body Jetty refused
     * (broken chunking).
     */
    static Optional<Problem> unreadableBody(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodyLimit.TooLarge tooLarge) {
                return Optional.of(tooLarge.problem());
            }
            if (cause instanceof ZipException) {
                return Optional.of(Problem.of(
                        ErrorCode.MALFORMED_REQUEST,
                        "The body cannot be decoded: it says Content-Encoding gzip but is not gzip."));
            }
            if (cause instanceof HttpException http && http.getCode() >= 400 && http.getCode() < 500) {
                return Optional.of(frameworkProblem(http.getCode(), http.getReason(), "The body cannot be read."));
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return Optional.empty();
    }

    /** Bean Validation failures of request bodies and parameters, each as a field error. */
    public static final class Validation implements ExceptionMapper<JerseyViolationException> {
        @Override
        public Response toResponse(JerseyViolationException exception) {
            List<Problem.FieldError> errors = exception.getConstraintViolations().stream()
                    .sorted(Comparator.comparing(
                            violation -> violation.getPropertyPath().toString()))
                    .map(violation -> Problem.FieldError.of(fieldOf(violation), violation.getMessage()))
                    .collect(Collectors.toList());
            Problem problem = Problem.of(
                            ErrorCode.VALIDATION_FAILED,
                            errors.size() == 1 ? "1 field is not valid" : errors.size() + " fields are not valid")
                    .withErrors(errors);
            return ProblemException.response(problem);
        }

        private static String fieldOf(ConstraintViolation<?> violation) {
            // Paths look like "create.user.email" (method, parameter, property): name the property, or the
            // parameter when the parameter itself is wrong.
            List<String> properties = new ArrayList<>();
            String parameter = "body";
            for (Path.Node node : violation.getPropertyPath()) {
                switch (node.getKind()) {
                    case PARAMETER -> parameter = node.getName();
                    case PROPERTY, CONTAINER_ELEMENT, BEAN -> {
                        if (node.getName() != null) {
                            properties.add(node.getName());
                        }
                    }
                    case METHOD, CONSTRUCTOR, CROSS_PARAMETER, RETURN_VALUE -> {}
                }
            }
            return properties.isEmpty() ? parameter : String.join(".", properties);
        }
    }

    /** Malformed JSON, wrong types and unknown properties. */
    public static final class Json implements ExceptionMapper<JsonProcessingException> {
        @Override
        public Response toResponse(JsonProcessingException exception) {
            Optional<Problem> unreadable = unreadableBody(exception);
            if (unreadable.isPresent()) {
                return ProblemException.response(unreadable.get());
            }
            String field = exception instanceof JsonMappingException mapping
                    ? mapping.getPath().stream()
                            .map(reference -> reference.getFieldName() != null
                                    ? reference.getFieldName()
                                    : String.valueOf(reference.getIndex()))
                            .collect(Collectors.joining("."))
                    : "";
            if (exception instanceof InputBounds.RefusedValue refused) {
                String name = field.isEmpty() ? "body" : field;
                return ProblemException.response(Problem.of(refused.code(), name + " " + refused.reason())
                        .withErrors(List.of(Problem.FieldError.of(name, refused.reason()))));
            }
            String message;
            if (exception instanceof UnrecognizedPropertyException) {
                message = "is not a known field";
            } else if (exception instanceof InvalidFormatException invalid) {
                message = "has the wrong type or format: \"" + invalid.getValue() + "\" is not "
                        + expected(invalid.getTargetType());
            } else if (exception instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
                message = "has the wrong type: expected " + expected(mismatched.getTargetType());
            } else {
                message = "is not valid JSON: " + exception.getOriginalMessage();
            }
            Problem problem =
                    Problem.of(ErrorCode.MALFORMED_REQUEST, (field.isEmpty() ? "The body " : field + " ") + message);
            if (!field.isEmpty()) {
                problem = problem.withErrors(List.of(Problem.FieldError.of(field, message)));
            }
            return ProblemException.response(problem);
        }
    }

    /**
     * What a field of {@code type} takes, in words with an example, for the message of a value that is not one
     * ("2026-12-01" is not a date and time...), rather than the Java type's name.
     */
    static String expected(Class<?> type) {
        if (type == java.time.OffsetDateTime.class
                || type == java.time.ZonedDateTime.class
                || type == java.time.Instant.class) {
            return "a date and time with its offset, such as 2026-12-01T14:30:00+01:00";
        }
        if (type == java.time.LocalDate.class) {
            return "a date, such as 2026-12-01";
        }
        if (type == java.time.LocalTime.class) {
            return "a time of day, such as 14:30";
        }
        if (type == java.time.Duration.class) {
            return "a duration, such as PT48H (48 hours) or P14D (14 days)";
        }
        if (type == java.time.ZoneId.class) {
            return "a time zone, such as Europe/London";
        }
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class || type == java.math.BigDecimal.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a text";
        }
        if (type.isEnum()) {
            return "one of "
                    + java.util.Arrays.stream(type.getEnumConstants())
                            .map(constant -> ((Enum<?>) constant).name())
                            .collect(Collectors.joining(", "));
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return "an object (" + type.getSimpleName() + ")";
    }

    /**
     * Anything else (a runtime exception, or a checked one such as an {@code IOException} of reading the body) is our
     * fault, unless it hides the client's ({@link #unreadableBody}): log it with an id the caller can quote, and say
     * nothing internal. Except a database
     * that cannot be used just now (restarting, unreachable, its pool full): that answers 503 with {@code Retry-After},
     * and {@link DatabaseOutage} logs the outage once rather than a stack trace per request.
     */
    public static final class Unexpected implements ExceptionMapper<Exception> {
        private final DatabaseOutage outage;

        public Unexpected(DatabaseOutage outage) {
            this.outage = requireNonNull(outage, "outage is null");
        }

        @Override
        public Response toResponse(Exception exception) {
            if (exception instanceof WebApplicationException webApplication) {
                return new WebApplication().toResponse(webApplication);
            }
            if (exception instanceof JdbiInterviewRecords.UnreadableInterview interview) {
                // Not our crash and not the caller's input: a stored record breaks a rule (issue 14). Say which.
                return ProblemException.response(Problem.of(
                        ErrorCode.INTERVIEW_CANNOT_BE_EVALUATED,
                        "Interview " + interview.interviewId() + " cannot be evaluated: " + interview.reason()
                                + ". Correct or retract the record it names."));
            }
            Optional<Problem> unreadable = unreadableBody(exception);
            if (unreadable.isPresent()) {
                return ProblemException.response(unreadable.get());
            }
            if (DatabaseFailures.isUnavailable(exception)) {
                outage.failed(exception);
                return ProblemException.response(
                        Problem.of(
                                ErrorCode.DATABASE_UNAVAILABLE,
                                "The database cannot be reached just now. Try again in a few seconds."),
                        Map.of(HttpHeaders.RETRY_AFTER, DATABASE_RETRY_AFTER_SECONDS));
            }
            String incident = UUID.randomUUID().toString();
            LOG.error("Unexpected error, incident {}", incident, exception);
            return ProblemException.response(
                    Problem.of(ErrorCode.INTERNAL_ERROR, "The error was logged as incident " + incident + "."));
        }
    }
}
