package com.followup.core.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * Something the candidate sent to a contact after the interview.
 *
 * @param address the email address, number or profile link actually used: R12 compares it with the contact's
 *     business ones
 * @param text the text as sent, when the candidate logged it (R15)
 */
public record Touch(
        TouchId id,
        TouchKind kind,
        Channel channel,
        ContactId recipient,
        String address,
        Instant sentAt,
        Optional<String> subject,
        Optional<String> text) {
    public Touch {
        requireNonNull(id, "id is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(channel, "channel is null");
        requireNonNull(recipient, "recipient is null");
        requireNonNull(address, "address is null");
        requireNonNull(sentAt, "sentAt is null");
        requireNonNull(subject, "subject is null");
        requireNonNull(text, "text is null");
        channelMismatch(kind, channel).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
    }

    /**
     * Why {@code kind} cannot go through {@code channel}, if it cannot: a friend or connection request exists only on
     * its own network. The one statement of this rule; the API and the portal refuse such a touch with it, and the
     * database has the same check (changeset 0013).
     */
    public static Optional<String> channelMismatch(TouchKind kind, Channel channel) {
        if (kind == TouchKind.FACEBOOK_FRIEND_REQUEST && channel != Channel.FACEBOOK) {
            return Optional.of("a Facebook friend request goes through Facebook, not " + channel);
        }
        if (kind == TouchKind.LINKEDIN_CONNECTION && channel != Channel.LINKEDIN) {
            return Optional.of("a LinkedIn connection request goes through LinkedIn, not " + channel);
        }
        return Optional.empty();
    }

    public Touch withSentAt(Instant sentAt) {
        return new Touch(id, kind, channel, recipient, address, sentAt, subject, text);
    }

    public Touch withText(String text) {
        return new Touch(id, kind, channel, recipient, address, sentAt, subject, Optional.of(text));
    }

    public Touch withChannel(Channel channel, String address) {
        return new Touch(id, kind, channel, recipient, address, sentAt, subject, text);
    }
}
