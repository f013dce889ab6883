package com.followup.core.rules;

import com.followup.core.notes.Words;

/**
 * R15 word counts without running the word breaker on every note. {@link Words#count} is the one true count, but it is
 * the most expensive part of an evaluation; most notes are far below the thresholds, which a cheap upper bound shows.
 */
final class NoteLength {
    private NoteLength() {}

    /**
     * The exact word count of {@code text} when it may be above {@code threshold}, or -1 when it certainly is not.
     */
    static int wordsIfAbove(String text, int threshold) {
        // Every word holds at least one character.
        if (text.length() <= threshold) {
            return -1;
        }
        int bound = asciiWordBound(text);
        if (bound >= 0 && bound <= threshold) {
            return -1;
        }
        return Words.count(text);
    }

    /**
     * An upper bound of the words in a pure-ASCII text: the runs of letters and digits. The word breaker never splits
     * such a run (it may join runs, as in "don't"), and a word needs a letter or digit. Returns -1 for other text,
     * where scripts without spaces break differently.
     */
    static int asciiWordBound(String text) {
        int runs = 0;
        boolean inRun = false;
        for (int index = 0; index < text.length(); index++) {
            char character = text.charAt(index);
            if (character >= 0x80) {
                return -1;
            }
            boolean wordCharacter = (character >= 'a' && character <= 'z')
                    || (character >= 'A' && character <= 'Z')
                    || (character >= '0' && character <= '9');
            if (wordCharacter && !inRun) {
                runs++;
            }
            inRun = wordCharacter;
        }
        return runs;
    }
}
