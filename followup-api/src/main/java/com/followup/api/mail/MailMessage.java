package com.followup.api.mail;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One e-mail to one recipient: a plain-text body, optionally an HTML alternative, attachments, extra headers (such
 * as {@code List-Unsubscribe}) and, when the caller keeps one for every attempt, its Message-ID.
 */
public record MailMessage(
        String to,
        String subject,
        String text,
        Optional<String> html,
        List<Attachment> attachments,
        Map<String, String> headers,
        Optional<String> messageId) {
    public MailMessage {
        requireNonNull(to, "to is null");
        requireNonNull(subject, "subject is null");
        requireNonNull(text, "text is null");
        requireNonNull(html, "html is null");
        attachments = List.copyOf(requireNonNull(attachments, "attachments is null"));
        headers = Map.copyOf(requireNonNull(headers, "headers is null"));
        requireNonNull(messageId, "messageId is null");
        if (to.isBlank()) {
            throw new IllegalArgumentException("to is blank");
        }
        if (messageId.isPresent() && !messageId.get().matches("<[^<>@\\s]+@[^<>@\\s]+>")) {
            throw new IllegalArgumentException("messageId is not <local@domain>: " + messageId.get());
        }
    }

    public static MailMessage of(String to, String subject, String text) {
        return new MailMessage(to, subject, text, Optional.empty(), List.of(), Map.of(), Optional.empty());
    }

    public MailMessage withHtml(String html) {
        return new MailMessage(to, subject, text, Optional.of(html), attachments, headers, messageId);
    }

    public MailMessage withHeaders(Map<String, String> extra) {
        return new MailMessage(to, subject, text, html, attachments, extra, messageId);
    }

    public MailMessage withAttachment(Attachment attachment) {
        List<Attachment> more = new java.util.ArrayList<>(attachments);
        more.add(attachment);
        return new MailMessage(to, subject, text, html, more, headers, messageId);
    }

    /** The same message with this Message-ID ({@code <local@domain>}) instead of a new one per attempt. */
    public MailMessage withMessageId(String id) {
        return new MailMessage(to, subject, text, html, attachments, headers, Optional.of(id));
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
