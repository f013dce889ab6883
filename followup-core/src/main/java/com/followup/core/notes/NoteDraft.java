package com.followup.core.notes;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What the checker looks at: the note being typed and what it is compared with.
 *
 * @param text the note as typed so far; may be empty
 * @param recipient the interviewer the note goes to
 * @param company the client company's name, if known: never reported as a typo
 * @param debrief the candidate's debrief of the interview (topics discussed, concerns raised); may be empty
 * @param otherNotes the notes already written to the other interviewers of the same interview
 * @param settings the agency's thresholds
 * @param role the title of the job interviewed for, if known: naming it alone is not specific (R14)
 */
public record NoteDraft(
        String text,
        NoteRecipient recipient,
        Optional<String> company,
        String debrief,
        List<OtherNote> otherNotes,
        NoteCheckSettings settings,
        Optional<String> role) {
    public NoteDraft {
        requireNonNull(text, "text is null");
        requireNonNull(recipient, "recipient is null");
        requireNonNull(company, "company is null");
        requireNonNull(debrief, "debrief is null");
        otherNotes = List.copyOf(requireNonNull(otherNotes, "otherNotes is null"));
        requireNonNull(settings, "settings is null");
        requireNonNull(role, "role is null");
    }

    /** A draft without the role's title. */
    public NoteDraft(
            String text,
            NoteRecipient recipient,
            Optional<String> company,
            String debrief,
            List<OtherNote> otherNotes,
            NoteCheckSettings settings) {
        this(text, recipient, company, debrief, otherNotes, settings, Optional.empty());
    }

    /** A draft with no company, no debrief, no other notes and the default thresholds. */
    public static NoteDraft of(String text, NoteRecipient recipient) {
        return new NoteDraft(text, recipient, Optional.empty(), "", List.of(), NoteCheckSettings.DEFAULTS);
    }

    public NoteDraft withText(String newText) {
        return new NoteDraft(newText, recipient, company, debrief, otherNotes, settings, role);
    }

    public NoteDraft withCompany(String newCompany) {
        return new NoteDraft(text, recipient, Optional.of(newCompany), debrief, otherNotes, settings, role);
    }

    public NoteDraft withDebrief(String newDebrief) {
        return new NoteDraft(text, recipient, company, newDebrief, otherNotes, settings, role);
    }

    public NoteDraft withOtherNotes(List<OtherNote> newOtherNotes) {
        return new NoteDraft(text, recipient, company, debrief, newOtherNotes, settings, role);
    }

    public NoteDraft withSettings(NoteCheckSettings newSettings) {
        return new NoteDraft(text, recipient, company, debrief, otherNotes, newSettings, role);
    }

    public NoteDraft withRole(String newRole) {
        return new NoteDraft(text, recipient, company, debrief, otherNotes, settings, Optional.of(newRole));
    }
}
