package com.followup.core.notes;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The interviewer a thank-you note goes to.
 *
 * @param firstName as the candidate addresses them; may be blank when only the last name is known
 * @param lastName may be blank when only the first name is known
 * @param title their job title, if the candidate recorded it
 */
public record NoteRecipient(String firstName, String lastName, Optional<String> title) {
    public NoteRecipient {
        requireNonNull(firstName, "firstName is null");
        requireNonNull(lastName, "lastName is null");
        requireNonNull(title, "title is null");
        firstName = firstName.strip();
        lastName = lastName.strip();
        if (firstName.isEmpty() && lastName.isEmpty()) {
            throw new IllegalArgumentException("a recipient needs a first or a last name");
        }
    }

    public NoteRecipient(String firstName, String lastName) {
        this(firstName, lastName, Optional.empty());
    }

    /** "Anna Lindqvist", or whichever part is known. */
    public String fullName() {
        return (firstName + " " + lastName).strip();
    }

    /** The name a message addresses them by: the first name when known. */
    String callName() {
        return firstName.isEmpty() ? fullName() : firstName;
    }
}
