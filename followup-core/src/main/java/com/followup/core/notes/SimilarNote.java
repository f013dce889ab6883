package com.followup.core.notes;

import static java.util.Objects.requireNonNull;

/**
 * How close the draft is to one of the other notes of the interview (R16).
 *
 * @param index the other note's position in {@link NoteDraft#otherNotes()}
 * @param recipient who that note went to
 * @param similarity cosine similarity of the two notes' word pairs, from 0 (nothing shared) to 1 (same wording)
 */
public record SimilarNote(int index, NoteRecipient recipient, double similarity) {
    public SimilarNote {
        requireNonNull(recipient, "recipient is null");
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative, got " + index);
        }
        if (!(similarity >= 0 && similarity <= 1)) {
            throw new IllegalArgumentException("similarity must be in [0, 1], got " + similarity);
        }
    }
}
