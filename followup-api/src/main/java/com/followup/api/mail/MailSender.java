package com.followup.api.mail;

/** Sends e-mail. One implementation talks SMTP; {@link #enabled()} is false when no server is configured. */
public interface MailSender {
    /** Whether messages can be sent at all; when false, {@link #send} must not be called. */
    boolean enabled();

    /** Sends one message, or throws when the server fails (nothing is retried here). */
    void send(MailMessage message) throws MailException;

    /**
     * A new Message-ID ({@code <random@domain>}, RFC 5322) for a message this sender will send: the caller stores it
     * and passes it with every attempt ({@link MailMessage#withMessageId}), so that copies of one message share it.
     */
    String newMessageId();
}
