package com.followup.api.mail;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One e-mail to one recipient: a plain-text body, optionally an HTML alternative, attachments and extra headers (such
 * as {@code List-Unsubscribe}).
 */
public record MailMessage(
        String to,
        String subject,
        String text,
        Optional<String> html,
        List<Attachment> attachments,
        Map<String, String> headers) {
    public MailMessage {
        requireNonNull(to, "to is null");
        requireNonNull(subject, "subject is null");
        requireNonNull(text, "text is null");
        requireNonNull(html, "html is null");
        attachments = List.copyOf(requireNonNull(attachments, "attachments is null"));
        headers = Map.copyOf(requireNonNull(headers, "headers is null"));
        if (to.isBlank()) {
            throw new IllegalArgumentException("to is blank");
        }
    }

    public static MailMessage of(String to, String subject, String text) {
        return new MailMessage(to, subject, text, Optional.empty(), List.of(), Map.of());
    }

    public MailMessage withHtml(String html) {
        return new MailMessage(to, subject, text, Optional.of(html), attachments, headers);
    }

    public MailMessage withHeaders(Map<String, String> extra) {
        return new MailMessage(to, subject, text, html, attachments, extra);
    }

    public MailMessage withAttachment(Attachment attachment) {
        List<Attachment> more = new java.util.ArrayList<>(attachments);
        more.add(attachment);
        return new MailMessage(to, subject, text, html, more, headers);
    }

    /** A file sent with the message (a report's PDF, a calendar entry). */
    public record Attachment(String fileName, String contentType, byte[] content) {
        public Attachment {
            requireNonNull(fileName, "fileName is null");
            requireNonNull(contentType, "contentType is null");
            content = requireNonNull(content, "content is null").clone();
        }

        @Override
        public byte[] content() {
            return content.clone();
        }
    }
}
