package com.followup.core.rules;

import static java.util.Objects.requireNonNull;

import com.followup.core.model.ContactId;
import com.followup.core.model.TouchId;
import com.followup.core.ruleset.RuleId;
import java.util.Optional;

/**
 * Something the candidate could do better, shown but not counted against compliance.
 *
 * @param touch the touch the advice is about, if any
 * @param contact the contact the advice is about, if any (R12 at entry)
 */
public record Advice(AdviceKind kind, String text, Optional<TouchId> touch, Optional<ContactId> contact) {
    public Advice {
        requireNonNull(kind, "kind is null");
        requireNonNull(text, "text is null");
        requireNonNull(touch, "touch is null");
        requireNonNull(contact, "contact is null");
    }

    public static Advice general(AdviceKind kind, String text) {
        return new Advice(kind, text, Optional.empty(), Optional.empty());
    }

    public static Advice aboutTouch(AdviceKind kind, String text, TouchId touch) {
        return new Advice(kind, text, Optional.of(touch), Optional.empty());
    }

    public static Advice aboutContact(AdviceKind kind, String text, ContactId contact) {
        return new Advice(kind, text, Optional.empty(), Optional.of(contact));
    }

    public RuleId rule() {
        return kind.rule();
    }
}
