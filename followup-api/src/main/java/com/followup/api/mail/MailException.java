package com.followup.api.mail;

/**
 * The SMTP server refused a message or could not be reached; the caller decides whether to try again. {@link
 * #permanent()} says the server refused this message for good (an SMTP 5xx reply to its recipient or its content), as
 * opposed to an outage, a timeout or a 4xx reply, which may pass.
 */
public class MailException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean permanent;

    public MailException(String message, Throwable cause) {
        this(message, cause, false);
    }

    public MailException(String message, Throwable cause, boolean permanent) {
        super(message, cause);
        this.permanent = permanent;
    }

    /** Whether the server refused this message with a permanent (5xx) reply; trying again will likely not help. */
    public boolean permanent() {
        return permanent;
    }
}
