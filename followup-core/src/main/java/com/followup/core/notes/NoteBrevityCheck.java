package com.followup.core.notes;

import java.util.List;
import java.util.Optional;

/**
 * R15 note-brevity. Above the advice threshold the note gets advice, above the breach threshold a breach (only the
 * breach then: one finding says it). The span covers the words beyond the threshold that was crossed, so a UI can
 * show where the note runs over.
 */
final class NoteBrevityCheck {
    private NoteBrevityCheck() {}

    static Optional<NoteFinding> check(NoteText note, NoteCheckSettings settings) {
        int count = note.size();
        if (count > settings.breachWords()) {
            return Optional.of(NoteFinding.at(
                    FindingCode.R15_TOO_LONG,
                    "At " + count + " words this note is too long: above " + settings.breachWords()
                            + " words it counts against you. Keep the thanks, the interest and one specific point;"
                            + " cut the rest.",
                    beyond(note, settings.breachWords()),
                    List.of()));
        }
        if (count > settings.adviceWords()) {
            return Optional.of(NoteFinding.at(
                    FindingCode.R15_LONG,
                    "At " + count + " words this note is on the long side. Interviewers are busy: aim for "
                            + settings.adviceWords() + " words or fewer, a few short sentences.",
                    beyond(note, settings.adviceWords()),
                    List.of()));
        }
        return Optional.empty();
    }

    private static TextSpan beyond(NoteText note, int allowedWords) {
        List<Words.Word> words = note.words();
        return new TextSpan(
                words.get(allowedWords).start(), words.get(words.size() - 1).end());
    }
}
