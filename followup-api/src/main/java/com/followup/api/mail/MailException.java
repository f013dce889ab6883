package com.followup.api.mail;

/** The SMTP server refused a message or could not be reached; the caller decides whether to try again. */
public class MailException extends Exception {
    private static final long serialVersionUID = 1L;

    public MailException(String message, Throwable cause) {
        super(message, cause);
    }
}
