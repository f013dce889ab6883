package com.followup.core.notes;

/**
 * The agency's thresholds for thank-you notes.
 *
 * @param adviceWords R15: above this many words the note gets advice to be shorter (default 150)
 * @param breachWords R15: above this many words a logged note is a breach (default 200)
 * @param similarityThreshold R16: notes of one interview this similar or more are near-copies (default 0.8)
 */
public record NoteCheckSettings(int adviceWords, int breachWords, double similarityThreshold) {
    public static final NoteCheckSettings DEFAULTS = new NoteCheckSettings(150, 200, 0.8);

    public NoteCheckSettings {
        if (adviceWords < 1) {
            throw new IllegalArgumentException("adviceWords must be positive, got " + adviceWords);
        }
        if (breachWords < adviceWords) {
            throw new IllegalArgumentException(
                    "breachWords (" + breachWords + ") must not be below adviceWords (" + adviceWords + ")");
        }
        if (!(similarityThreshold > 0 && similarityThreshold <= 1)) {
            throw new IllegalArgumentException("similarityThreshold must be in (0, 1], got " + similarityThreshold);
        }
    }
}
