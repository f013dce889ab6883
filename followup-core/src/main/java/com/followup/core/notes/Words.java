package com.followup.core.notes;

import static java.util.Objects.requireNonNull;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Splits text into words with their character positions, the one word count every rule uses (R15). */
public final class Words {
    /** A word of a text: {@code text.substring(start, end)}. */
    public record Word(String text, int start, int end) {
        public Word {
            requireNonNull(text, "text is null");
            if (start < 0 || end < start) {
                throw new IllegalArgumentException("bad span " + start + ".." + end);
            }
        }
    }

    private Words() {}

    /** The words of {@code text}: runs holding at least one letter or digit, as the JDK's word breaker finds them. */
    public static List<Word> of(String text) {
        requireNonNull(text, "text is null");
        BreakIterator breaker = BreakIterator.getWordInstance(Locale.ENGLISH);
        breaker.setText(text);
        List<Word> words = new ArrayList<>();
        int start = breaker.first();
        for (int end = breaker.next(); end != BreakIterator.DONE; start = end, end = breaker.next()) {
            if (hasLetterOrDigit(text, start, end)) {
                words.add(new Word(text.substring(start, end), start, end));
            }
        }
        return words;
    }

    /** How many words {@code text} has. */
    public static int count(String text) {
        return of(text).size();
    }

    private static boolean hasLetterOrDigit(String text, int start, int end) {
        for (int i = start; i < end; i++) {
            if (Character.isLetterOrDigit(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
