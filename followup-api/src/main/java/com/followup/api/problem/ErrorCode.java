package com.followup.api.problem;

import static java.util.Objects.requireNonNull;

/**
 * Every {@code code} a problem can carry, with the one HTTP status and the title it answers with. The name is the
 * code clients see. docs/api.md describes each one, and ErrorCodesTest keeps that table and this enum the same.
 *
 * <p>{@code BAD_REQUEST}, {@code FORBIDDEN}, {@code NOT_FOUND}, {@code METHOD_NOT_ALLOWED}, {@code NOT_ACCEPTABLE},
 * {@code BODY_TOO_LARGE}, {@code URI_TOO_LONG}, {@code UNSUPPORTED_MEDIA_TYPE} and {@code HEADERS_TOO_LARGE} are also
 * the framework's answers (a header that cannot be read, a role that may not call an endpoint, an unknown path, a wrong
 * method or media type, a request Jetty refuses before Jersey sees it): {@link ProblemMappers#frameworkCode} names them
 * from the status, for Jersey's exceptions and for Jetty's error handler alike.
 */
public enum ErrorCode {
    VALIDATION_FAILED(400, "The request is not valid"),
    MALFORMED_REQUEST(400, "The request body cannot be read"),
    BAD_REQUEST(400, "Bad Request"),
    VERSION_REQUIRED(400, "The request is not valid"),
    INVALID_POLICY(400, "The request is not valid"),
    UNKNOWN_TIME_ZONE(400, "The request is not valid"),
    INVALID_ZONE(400, "The request is not valid"),
    NOT_A_CANDIDATE_LOGIN(400, "The request is not valid"),
    NOT_A_RECRUITER(400, "The request is not valid"),
    INVALID_DURATION(400, "The request is not valid"),
    BLANK_NAME(400, "The request is not valid"),
    INVALID_PARAMETER(400, "The request is not valid"),
    INVALID_CSV(400, "The request is not valid"),
    END_BEFORE_START(400, "The request is not valid"),
    TOO_LONG(400, "The request is not valid"),
    CANDIDATE_REQUIRED(400, "The request is not valid"),
    UNKNOWN_COMPANY(400, "The request is not valid"),
    COMPANY_REQUIRED(400, "The request is not valid"),
    INTERVIEWER_REQUIRED(400, "The request is not valid"),
    DUPLICATE_INTERVIEWER(400, "The request is not valid"),
    UNKNOWN_CONTACT(400, "The request is not valid"),
    IN_THE_FUTURE(400, "The request is not valid"),
    INVALID_INSTANT(400, "The request is not valid"),
    BEFORE_INTERVIEW_END(400, "The request is not valid"),
    ADDRESS_REQUIRED(400, "The request is not valid"),
    CHANNEL_DOES_NOT_FIT_KIND(400, "The request is not valid"),
    DECISION_DATE_NOT_AN_UPDATE(400, "The request is not valid"),
    IDEMPOTENCY_KEY_TOO_LONG(400, "The request is not valid"),
    REASON_REQUIRED(400, "The request is not valid"),
    INVALID_WEEK(400, "The request is not valid"),
    INVALID_FORMAT(400, "The request is not valid"),
    INVALID_SCOPE(400, "The request is not valid"),
    NUL_CHARACTER(400, "The request is not valid"),
    DATE_OUT_OF_RANGE(400, "The request is not valid"),
    WRONG_CURRENT_PASSWORD(400, "The request is not valid"),
    LINK_NOT_USABLE(400, "The request is not valid"),
    WEBHOOK_URL_REFUSED(400, "The request is not valid"),
    UNKNOWN_EVENT_TYPE(400, "The request is not valid"),
    KIND_DOES_NOT_FIT_MESSAGE(400, "The request is not valid"),
    ERASURE_NOT_CONFIRMED(400, "The request is not valid"),
    NOT_AUTHENTICATED(401, "Login required"),
    WRONG_CREDENTIALS(401, "Login failed"),
    FORBIDDEN(403, "Forbidden"),
    CSRF_TOKEN_MISSING(403, "Forbidden"),
    CROSS_SITE_LOGIN(403, "Forbidden"),
    NO_CANDIDATE_PROFILE(403, "Forbidden"),
    REPORTS_FORBIDDEN(403, "Forbidden"),
    AGENCY_REPORT_FORBIDDEN(403, "Forbidden"),
    OTHER_RECRUITER_FORBIDDEN(403, "Forbidden"),
    INVITATION_FORBIDDEN(403, "Forbidden"),
    NOT_FOUND(404, "Not found"),
    MAIL_IN_OFF(404, "Not found"),
    METHOD_NOT_ALLOWED(405, "Method Not Allowed"),
    NOT_ACCEPTABLE(406, "Not Acceptable"),
    STALE_VERSION(409, "Conflict"),
    EMAIL_TAKEN(409, "Conflict"),
    CANNOT_DEMOTE_SELF(409, "Conflict"),
    NAME_TAKEN(409, "Conflict"),
    LOGIN_IN_USE(409, "Conflict"),
    INTERVIEW_CANNOT_BE_EVALUATED(409, "Conflict"),
    CANNOT_RESET_SELF(409, "Conflict"),
    ALREADY_RETRACTED(409, "Conflict"),
    ALREADY_PLACED(409, "Conflict"),
    ALREADY_ERASED(409, "Conflict"),
    BODY_TOO_LARGE(413, "Content Too Large"),
    URI_TOO_LONG(414, "URI Too Long"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported Media Type"),
    IDEMPOTENCY_KEY_REUSED(422, "Idempotency key reused"),
    TOO_MANY_LOGINS(429, "Too many logins"),
    HEADERS_TOO_LARGE(431, "Request Header Fields Too Large"),
    INTERNAL_ERROR(500, "Something went wrong on our side"),
    DATABASE_UNAVAILABLE(503, "Temporarily unavailable"),
    SERVER_BUSY(503, "Temporarily unavailable");

    private final int status;
    private final String title;

    ErrorCode(int status, String title) {
        this.status = status;
        this.title = requireNonNull(title, "title is null");
    }

    /** The text of {@code code} in a problem: the constant's name. */
    public String code() {
        return name();
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
