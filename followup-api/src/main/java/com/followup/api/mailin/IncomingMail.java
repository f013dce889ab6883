package com.followup.api.mailin;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A message read from the agency mailbox, as much of it as mail-in uses: no attachments, the text part only (an HTML
 * part turned into text).
 *
 * @param key the Message-ID, or a hash of the headers when a message has none: the idempotency key (decision 0034)
 * @param sentAt the message's Date header (when the candidate sent it), else when the mailbox received it
 * @param routing every address the message was routed to as far as its headers tell: To, Cc, Delivered-To and
 *     X-Original-To (a BCC'd logging address appears only in the last two)
 * @param forwardedFrom the sender of the quoted original, when the message forwards one ("Fwd:")
 * @param forwardedAt the quoted original's date, when it could be read
 */
public record IncomingMail(
        String key,
        Instant sentAt,
        Party from,
        List<Party> recipients,
        List<String> routing,
        Optional<String> subject,
        Optional<String> text,
        Optional<Party> forwardedFrom,
        Optional<Instant> forwardedAt) {
    public IncomingMail {
        requireNonNull(key, "key is null");
        requireNonNull(sentAt, "sentAt is null");
        requireNonNull(from, "from is null");
        recipients = List.copyOf(recipients);
        routing = List.copyOf(routing);
        requireNonNull(subject, "subject is null");
        requireNonNull(text, "text is null");
        requireNonNull(forwardedFrom, "forwardedFrom is null");
        requireNonNull(forwardedAt, "forwardedAt is null");
    }

    /** An address with its display name, if it had one. */
    public record Party(String address, Optional<String> name) {
        public Party {
            requireNonNull(address, "address is null");
            requireNonNull(name, "name is null");
        }

        public String normalised() {
            return address.trim().toLowerCase(Locale.ROOT);
        }

        public String domain() {
            String normal = normalised();
            return normal.substring(normal.lastIndexOf('@') + 1);
        }

        @Override
        public String toString() {
            return name.map(display -> display + " <" + address + ">").orElse(address);
        }
    }
}
