package com.followup.core.notes;

import static java.util.Objects.requireNonNull;

/** A stretch of a note's text, {@code text.substring(start, end)}: UTF-16 indexes, end exclusive, as Java strings count. */
public record TextSpan(int start, int end) {
    public TextSpan {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span " + start + ".." + end);
        }
    }

    static TextSpan of(Words.Word word) {
        return new TextSpan(word.start(), word.end());
    }

    /** The characters of {@code text} this span covers. */
    public String in(String text) {
        requireNonNull(text, "text is null");
        return text.substring(start, end);
    }

    public int length() {
        return end - start;
    }
}
