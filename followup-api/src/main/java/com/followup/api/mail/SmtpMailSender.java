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
import java.util.Map;
import java.util.Properties;

/** Sends through the SMTP server of the {@code smtp:} configuration with Jakarta Mail (Eclipse Angus). */
public final class SmtpMailSender implements MailSender {
    private final SmtpConfiguration configuration;
    private final Session session;

    public SmtpMailSender(SmtpConfiguration configuration) {
        this.configuration = requireNonNull(configuration, "configuration is null");
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
            MimeMessage mime = new MimeMessage(session);
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
            throw new MailException("sending to " + message.to() + " failed: " + e.getMessage(), e);
        }
    }
}
