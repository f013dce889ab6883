package com.followup.core.notes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A note's words as R16 compares them: lower case, with the recipient's name, the company's name and the role's
 * title each replaced by one placeholder word, so that a copy or a stock template with the names filled in reads
 * the same as the blank one ("Dear {name}" and "Dear Michael Brown" are both "dear NAME").
 */
final class NoteTokens {
    static final String NAME = "\u0000name";
    static final String COMPANY = "\u0000company";
    static final String ROLE = "\u0000role";

    private NoteTokens() {}

    /** The lower-case parts of the names a note may carry, each mapped to its placeholder. */
    static Map<String, String> blanks(NoteRecipient recipient, Optional<String> company, Optional<String> role) {
        Map<String, String> blanks = new HashMap<>();
        role.ifPresent(title -> addParts(blanks, title, ROLE));
        company.ifPresent(name -> addParts(blanks, name, COMPANY));
        addParts(blanks, recipient.firstName(), NAME);
        addParts(blanks, recipient.lastName(), NAME);
        return blanks;
    }

    private static final Pattern NAME_SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}']+");

    /**
     * Lower-case parts of {@code names}, for look-ups. Names split at anything but letters, digits and
     * apostrophes: the word breaker would do the same for a name, at the cost of one of its instances per call.
     */
    static Set<String> parts(List<String> names) {
        Set<String> parts = new HashSet<>();
        for (String name : names) {
            for (String part :
                    NAME_SEPARATORS.split(NoteText.normalizeApostrophes(name).toLowerCase(Locale.ROOT))) {
                if (!part.isEmpty()) {
                    parts.add(part);
                }
            }
        }
        return parts;
    }

    private static void addParts(Map<String, String> blanks, String name, String placeholder) {
        for (String part : parts(List.of(name))) {
            // Words of a role such as "engineer" stay words when they are short function words ("of", "the").
            if (part.length() > 2 || !placeholder.equals(ROLE)) {
                blanks.put(part, placeholder);
            }
        }
    }

    /** The note's words with names replaced by placeholders; a run of one placeholder becomes one word. */
    static List<String> of(List<String> lowercaseWords, Map<String, String> blanks) {
        List<String> tokens = new ArrayList<>(lowercaseWords.size());
        for (String word : lowercaseWords) {
            String token = blanks.getOrDefault(word, word);
            if (token.charAt(0) == '\u0000'
                    && !tokens.isEmpty()
                    && tokens.get(tokens.size() - 1).equals(token)) {
                continue;
            }
            tokens.add(token);
        }
        return tokens;
    }

    /** Counts of consecutive word pairs; a one-word text has no pair and is counted by its word. */
    static Map<CharSequence, Integer> pairs(List<String> tokens) {
        Map<CharSequence, Integer> counts = new HashMap<>();
        if (tokens.size() == 1) {
            counts.put(tokens.get(0), 1);
        }
        for (int index = 1; index < tokens.size(); index++) {
            counts.merge(tokens.get(index - 1) + ' ' + tokens.get(index), 1, Integer::sum);
        }
        return counts;
    }
}
