package com.followup.api.notifications;

import biweekly.Biweekly;
import biweekly.ICalendar;

/**
 * iCalendar text (RFC 5545) as the feed serves it. biweekly writes the properties and escapes their values; the lines
 * are folded here, because RFC 5545 section 3.1 counts a line's length in octets (at most 75, CRLF excluded) and
 * biweekly counts characters and then adds the space of the continuation line (76). A line is folded only between
 * two characters, never inside a multi-byte UTF-8 sequence.
 */
public final class IcsText {
    /** RFC 5545 3.1: "Lines of text SHOULD NOT be longer than 75 octets, excluding the line break." */
    public static final int MAX_OCTETS = 75;

    private static final String CRLF = "\r\n";

    private IcsText() {}

    public static String write(ICalendar calendar) {
        return fold(Biweekly.write(calendar).foldLines(false).go());
    }

    /** Folds every line of {@code unfolded} (CRLF-separated) at {@link #MAX_OCTETS} octets of UTF-8. */
    public static String fold(String unfolded) {
        StringBuilder folded = new StringBuilder(unfolded.length() + unfolded.length() / 64);
        for (String line : unfolded.split(CRLF, -1)) {
            if (line.isEmpty()) {
                continue;
            }
            int octets = 0;
            int index = 0;
            while (index < line.length()) {
                int codePoint = line.codePointAt(index);
                int size = utf8Length(codePoint);
                if (octets + size > MAX_OCTETS) {
                    // The continuation line starts with one space, which counts towards its 75 octets.
                    folded.append(CRLF).append(' ');
                    octets = 1;
                }
                folded.appendCodePoint(codePoint);
                octets += size;
                index += Character.charCount(codePoint);
            }
            folded.append(CRLF);
        }
        return folded.toString();
    }

    private static int utf8Length(int codePoint) {
        if (codePoint < 0x80) {
            return 1;
        }
        if (codePoint < 0x800) {
            return 2;
        }
        return codePoint < 0x10000 ? 3 : 4;
    }
}
