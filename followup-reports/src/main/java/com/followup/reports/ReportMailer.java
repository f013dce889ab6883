package com.followup.reports;

import static java.util.Objects.requireNonNull;

import com.followup.api.SmtpConfiguration;
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
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Properties;

/** Sends a report's PDF and CSV by SMTP (Jakarta Mail, Eclipse Angus). */
public final class ReportMailer {
    private final SmtpConfiguration smtp;
    private final Session session;

    public ReportMailer(SmtpConfiguration smtp) {
        this.smtp = requireNonNull(smtp, "smtp is null");
        Properties properties = new Properties();
        properties.put("mail.smtp.host", smtp.getHost());
        properties.put("mail.smtp.port", Integer.toString(smtp.getPort()));
        properties.put("mail.smtp.starttls.enable", Boolean.toString(smtp.isStarttls()));
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "30000");
        properties.put("mail.smtp.writetimeout", "30000");
        boolean login = !smtp.getUsername().isEmpty();
        properties.put("mail.smtp.auth", Boolean.toString(login));
        this.session = login
                ? Session.getInstance(properties, new Authenticator() {
                    @Override
                    protected PasswordAuthentication getPasswordAuthentication() {
                        return new PasswordAuthentication(smtp.getUsername(), smtp.getPassword());
                    }
                })
                : Session.getInstance(properties);
    }

    public boolean enabled() {
        return smtp.isEnabled();
    }

    /** One message to {@code recipients} with the report's files attached. */
    public void send(
            List<String> recipients, String subject, String body, List<ReportArchive.StoredFile> files, Instant sentAt)
            throws MessagingException {
        if (recipients.isEmpty()) {
            return;
        }
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(smtp.getFrom()));
        for (String recipient : recipients) {
            message.addRecipient(Message.RecipientType.TO, new InternetAddress(recipient));
        }
        message.setSubject(subject, "UTF-8");
        message.setSentDate(Date.from(sentAt));
        MimeMultipart content = new MimeMultipart();
        MimeBodyPart text = new MimeBodyPart();
        text.setText(body, "UTF-8");
        content.addBodyPart(text);
        for (ReportArchive.StoredFile file : files) {
            MimeBodyPart attachment = new MimeBodyPart();
            attachment.setDataHandler(new DataHandler(
                    new ByteArrayDataSource(file.content(), file.info().mediaType())));
            attachment.setFileName(file.info().fileName());
            content.addBodyPart(attachment);
        }
        message.setContent(content);
        Transport.send(message);
    }
}
