package com.followup.core.notes;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;

/** A text split into words once, so the checks of one draft share the work. */
final class NoteText {
    private final String text;
    private final List<Words.Word> words;
    private final List<String> lowercase;

    NoteText(String text) {
        this.text = requireNonNull(text, "text is null");
        this.words = Words.of(text);
        this.lowercase = words.stream()
                .map(word -> normalizeApostrophes(word.text()).toLowerCase(Locale.ROOT))
                .toList();
    }

    String text() {
        return text;
    }

    List<Words.Word> words() {
        return words;
    }

    /** The words in lower case, with typographic apostrophes made plain, so lists can be matched. */
    List<String> lowercase() {
        return lowercase;
    }

    int size() {
        return words.size();
    }

    /**
     * Whether the word starts a sentence: first in the text or in a line, or after a full stop, question or
     * exclamation mark. A capital letter there says nothing about the word being a name.
     */
    boolean startsSentence(int index) {
        int position = words.get(index).start() - 1;
        while (position >= 0) {
            char before = text.charAt(position);
            if (before == '\n' || before == '\r' || before == '.' || before == '!' || before == '?') {
                return true;
            }
            if (!Character.isWhitespace(before) && !isOpeningMark(before)) {
                return false;
            }
            position--;
        }
        return true;
    }

    static String normalizeApostrophes(String word) {
        return word.indexOf('\u2019') < 0 ? word : word.replace('\u2019', '\'');
    }

    private static boolean isOpeningMark(char character) {
        return switch (Character.getType(character)) {
            case Character.START_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.DASH_PUNCTUATION -> true;
            default -> character == '"' || character == '\'' || character == '*';
        };
    }
}
