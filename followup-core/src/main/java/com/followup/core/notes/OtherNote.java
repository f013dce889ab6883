package com.followup.core.notes;

import static java.util.Objects.requireNonNull;

/** A note already written for the same interview, to another interviewer (R16 compares against it). */
public record OtherNote(NoteRecipient recipient, String text) {
    public OtherNote {
        requireNonNull(recipient, "recipient is null");
        requireNonNull(text, "text is null");
    }
}
