package com.followup.api.threads;

import com.followup.core.model.Contact;
import com.followup.core.model.Debrief;
import com.followup.core.model.InterviewRecord;
import com.followup.core.model.InterviewerConcern;
import com.followup.core.model.Touch;
import com.followup.core.model.TouchKind;
import com.followup.core.notes.NoteCheckSettings;
import com.followup.core.notes.NoteDraft;
import com.followup.core.notes.NoteRecipient;
import com.followup.core.notes.OtherNote;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Builds the note checker's draft from an interview record: what the candidate knows when writing (R14-R17). */
final class NoteDrafts {
    private NoteDrafts() {}

    /**
     * The draft of a note to {@code recipient}: the other notes are the thank-you texts already logged for the
     * interview to other people (R16), the debrief gives the topics that make a note specific (R14), and the
     * company's name and the role's title are what does not make it specific.
     */
    static NoteDraft draft(
            InterviewRecord record,
            Contact recipient,
            String text,
            Optional<Long> excludeTouch,
            NoteCheckSettings settings) {
        List<OtherNote> others = new ArrayList<>();
        for (Touch touch : record.touches()) {
            boolean note = touch.kind() == TouchKind.THANK_YOU || touch.kind() == TouchKind.THANKS_AFTER_REJECTION;
            boolean excluded =
                    excludeTouch.filter(id -> id == touch.id().value()).isPresent();
            if (note
                    && !excluded
                    && !touch.recipient().equals(recipient.id())
                    && touch.text().isPresent()) {
                others.add(new OtherNote(
                        recipientOf(record.contact(touch.recipient())),
                        touch.text().get()));
            }
        }
        NoteDraft draft = NoteDraft.of(text, recipientOf(recipient))
                .withCompany(record.company().name())
                .withDebrief(record.debrief()
                        .map(debrief -> debriefText(record, debrief))
                        .orElse(""))
                .withOtherNotes(others)
                .withSettings(settings);
        // The role's title alone is not specific (R14); the company's name already is not.
        String role = record.interview().role();
        return role.isBlank() ? draft : draft.withRole(role);
    }

    static NoteRecipient recipientOf(Contact contact) {
        String name = contact.name().trim();
        int space = name.lastIndexOf(' ');
        String first = space < 0 ? name : name.substring(0, space).trim();
        String last = space < 0 ? "" : name.substring(space + 1).trim();
        Optional<String> title = contact.title().isBlank() ? Optional.empty() : Optional.of(contact.title());
        return new NoteRecipient(first, last, title);
    }

    private static String debriefText(InterviewRecord record, Debrief debrief) {
        String concerns =
                debrief.concerns().stream().map(InterviewerConcern::concern).collect(Collectors.joining("\n"));
        return String.join("\n", debrief.notes(), concerns, String.join("\n", debrief.unaskedQuestions()));
    }

    static boolean isNote(TouchKind kind) {
        return kind == TouchKind.THANK_YOU || kind == TouchKind.THANKS_AFTER_REJECTION;
    }
}
