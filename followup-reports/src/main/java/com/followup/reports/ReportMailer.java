package com.followup.reports;

import static java.util.Objects.requireNonNull;

import com.followup.api.mail.MailException;
import com.followup.api.mail.MailMessage;
import com.followup.api.mail.MailSender;
import java.util.List;

/** Mails a report's PDF and CSV through the server's one {@link MailSender}, a message per recipient. */
public final class ReportMailer {
    private final MailSender sender;

    public ReportMailer(MailSender sender) {
        this.sender = requireNonNull(sender, "sender is null");
    }

    public boolean enabled() {
        return sender.enabled();
    }

    /** One message to each of {@code recipients} with the report's files attached. */
    public void send(List<String> recipients, String subject, String body, List<ReportArchive.StoredFile> files)
            throws MailException {
        for (String recipient : recipients) {
            MailMessage message = MailMessage.of(recipient, subject, body);
            for (ReportArchive.StoredFile file : files) {
                message = message.withAttachment(new MailMessage.Attachment(
                        file.info().fileName(), file.info().mediaType(), file.content()));
            }
            sender.send(message);
        }
    }
}
