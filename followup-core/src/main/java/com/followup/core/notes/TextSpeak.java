package com.followup.core.notes;

import java.util.Map;
import java.util.Optional;

/**
 * Chat abbreviations that have no place in a note to an interviewer (R17), each with what to write instead. A
 * curated domain list: no dictionary marks these, since several are real entries ("u", "r", "asap").
 */
final class TextSpeak {
    private static final Map<String, String> FULL_FORMS = Map.ofEntries(
            Map.entry("u", "you"),
            Map.entry("ur", "your"),
            Map.entry("r", "are"),
            Map.entry("ty", "thank you"),
            Map.entry("thx", "thanks"),
            Map.entry("thnx", "thanks"),
            Map.entry("thanx", "thanks"),
            Map.entry("tks", "thanks"),
            Map.entry("pls", "please"),
            Map.entry("plz", "please"),
            Map.entry("b4", "before"),
            Map.entry("gr8", "great"),
            Map.entry("l8r", "later"),
            Map.entry("2day", "today"),
            Map.entry("2moro", "tomorrow"),
            Map.entry("2morrow", "tomorrow"),
            Map.entry("asap", "as soon as possible"),
            Map.entry("btw", "by the way"),
            Map.entry("tbh", "to be honest"),
            Map.entry("imo", "in my opinion"),
            Map.entry("imho", "in my opinion"),
            Map.entry("idk", "I don't know"),
            Map.entry("np", "no problem"),
            Map.entry("cuz", "because"),
            Map.entry("coz", "because"),
            Map.entry("bc", "because"),
            Map.entry("tho", "though"),
            Map.entry("thru", "through"),
            Map.entry("luv", "love"),
            Map.entry("ppl", "people"),
            Map.entry("msg", "message"),
            Map.entry("gonna", "going to"),
            Map.entry("wanna", "want to"),
            Map.entry("gotta", "have to"),
            Map.entry("lol", ""),
            Map.entry("omg", ""));

    private TextSpeak() {}

    /**
     * The full form of a piece of text-speak, empty when the word is fine. Short forms that are also names or
     * initials ("Ty", "U.", "R") count only in lower case.
     */
    static Optional<String> fullForm(String word) {
        String lowercase = word.toLowerCase(java.util.Locale.ROOT);
        String fullForm = FULL_FORMS.get(lowercase);
        if (fullForm == null) {
            return Optional.empty();
        }
        boolean ambiguousWhenCapitalised = lowercase.length() <= 2;
        if (ambiguousWhenCapitalised && !word.equals(lowercase)) {
            return Optional.empty();
        }
        return Optional.of(fullForm);
    }
}
