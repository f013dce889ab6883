package com.followup.api.mail;

import static java.util.Objects.requireNonNull;

import jakarta.activation.DataHandler;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/** Sends through the SMTP server of the {@code smtp:} configuration with Jakarta Mail (Eclipse Angus). */
public final class SmtpMailSender implements MailSender {
    private final SmtpConfiguration configuration;
    private final Session session;
    private final String messageIdDomain;

    public SmtpMailSender(SmtpConfiguration configuration) {
        this.configuration = requireNonNull(configuration, "configuration is null");
        this.messageIdDomain = domainOf(configuration.getFrom());
        Properties properties = new Properties();
        properties.put("mail.transport.protocol", "smtp");
        properties.put("mail.smtp.host", configuration.getHost());
        properties.put("mail.smtp.port", String.valueOf(configuration.getPort()));
        String timeout = String.valueOf(configuration.getTimeout().toMillis());
        properties.put("mail.smtp.connectiontimeout", timeout);
        properties.put("mail.smtp.timeout", timeout);
        properties.put("mail.smtp.writetimeout", timeout);
        if (configuration.isStartTls()) {
            properties.put("mail.smtp.starttls.enable", "true");
            properties.put("mail.smtp.starttls.required", "true");
        }
        boolean authenticate = !configuration.getUsername().isBlank();
        properties.put("mail.smtp.auth", String.valueOf(authenticate));
        this.session = Session.getInstance(
                properties,
                authenticate
                        ? new Authenticator() {
                            @Override
                            protected PasswordAuthentication getPasswordAuthentication() {
                                return new PasswordAuthentication(
                                        configuration.getUsername(), configuration.getPassword());
                            }
                        }
                        : null);
    }

    @Override
    public boolean enabled() {
        return configuration.isEnabled();
    }

    @Override
    public void send(MailMessage message) throws MailException {
        if (!enabled()) {
            throw new IllegalStateException("no SMTP host is configured");
        }
        try {
            MimeMessage mime = new StableIdMessage(session, message.messageId());
            mime.setFrom(new InternetAddress(configuration.getFrom()));
            mime.setRecipient(Message.RecipientType.TO, new InternetAddress(message.to()));
            mime.setSubject(message.subject(), StandardCharsets.UTF_8.name());
            mime.setSentDate(new Date());
            for (Map.Entry<String, String> header : message.headers().entrySet()) {
                mime.setHeader(header.getKey(), header.getValue());
            }
            MimeBodyPart text = new MimeBodyPart();
            text.setText(message.text(), StandardCharsets.UTF_8.name());
            MimeMultipart body;
            if (message.html().isPresent()) {
                MimeBodyPart html = new MimeBodyPart();
                html.setContent(message.html().get(), "text/html; charset=UTF-8");
                MimeMultipart alternative = new MimeMultipart("alternative", text, html);
                MimeBodyPart both = new MimeBodyPart();
                both.setContent(alternative);
                body = new MimeMultipart("mixed", both);
            } else {
                body = new MimeMultipart("mixed", text);
            }
            for (MailMessage.Attachment attachment : message.attachments()) {
                MimeBodyPart part = new MimeBodyPart();
                part.setDataHandler(
                        new DataHandler(new ByteArrayDataSource(attachment.content(), attachment.contentType())));
                part.setFileName(attachment.fileName());
                body.addBodyPart(part);
            }
            mime.setContent(body);
            mime.saveChanges();
            Transport.send(mime);
        } catch (MessagingException e) {
            throw new MailException("sending to " + message.to() + " failed: " + describe(e), e, refused(e));
        }
    }

    @Override
    public String newMessageId() {
        return "<" + UUID.randomUUID() + "@" + messageIdDomain + ">";
    }

    /**
     * Whether the server refused the recipient or the message with a permanent (5xx) reply. A refused sender (our own
     * From address) or login is a matter of configuration that an operator fixes, so it counts as passing.
     */
    static boolean refused(MessagingException failure) {
        boolean refused = false;
        Exception cause = failure;
        while (cause != null) {
            if (cause instanceof SMTPSenderFailedException) {
                return false;
            }
            if (cause instanceof SMTPAddressFailedException address && address.getReturnCode() >= 500) {
                refused = true;
            }
            if (cause instanceof SMTPSendFailedException send && send.getReturnCode() >= 500) {
                refused = true;
            }
            cause = cause instanceof MessagingException messaging ? messaging.getNextException() : null;
        }
        return refused;
    }

    /** The failure with the server's replies nested in it ("Invalid Addresses" alone does not say why). */
    static String describe(MessagingException failure) {
        StringBuilder description = new StringBuilder();
        Exception cause = failure;
        while (cause != null) {
            String text = cause.getMessage() == null
                    ? cause.toString()
                    : cause.getMessage().strip();
            if (description.indexOf(text) < 0) {
                description.append(description.length() == 0 ? "" : ": ").append(text);
            }
            cause = cause instanceof MessagingException messaging ? messaging.getNextException() : null;
        }
        return description.toString();
    }

    /** The domain of the From address, for Message-IDs; {@code localhost} when it has none. */
    private static String domainOf(String from) {
        try {
            String address = new InternetAddress(from).getAddress();
            int at = address.lastIndexOf('@');
            String domain = at < 0 ? "" : address.substring(at + 1).toLowerCase(Locale.ROOT);
            return domain.matches("[a-z0-9.-]+") ? domain : "localhost";
        } catch (MessagingException e) {
            return "localhost";
        }
    }

    /**
     * Keeps the Message-ID it was given. Jakarta Mail writes a new one in {@code saveChanges()} (which
     * {@code Transport.send} calls again), so without this every attempt at one outbox message would carry another
     * Message-ID, and a duplicate could not be recognised as one.
     */
    private static final class StableIdMessage extends MimeMessage {
        private final Optional<String> messageId;

        StableIdMessage(Session session, Optional<String> messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            if (messageId.isPresent()) {
                setHeader("Message-ID", messageId.get());
            } else {
                super.updateMessageID();
            }
        }
    }
}
