package com.followup.core.notes;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
            Map.entry("2nite", "tonight"),
            Map.entry("2night", "tonight"),
            Map.entry("2gether", "together"),
            Map.entry("2u", "to you"),
            Map.entry("4u", "for you"),
            Map.entry("4ever", "forever"),
            Map.entry("4get", "forget"),
            Map.entry("w8", "wait"),
            Map.entry("l8", "late"),
            Map.entry("m8", "mate"),
            Map.entry("gr8t", "great"),
            Map.entry("some1", "someone"),
            Map.entry("sum1", "someone"),
            Map.entry("any1", "anyone"),
            Map.entry("every1", "everyone"),
            Map.entry("no1", "no one"),
            Map.entry("tmrw", "tomorrow"),
            Map.entry("tmr", "tomorrow"),
            Map.entry("tx", "thanks"),
            Map.entry("tnx", "thanks"),
            Map.entry("thnks", "thanks"),
            Map.entry("thnk", "thank"),
            Map.entry("tyvm", "thank you very much"),
            Map.entry("rly", "really"),
            Map.entry("abt", "about"),
            Map.entry("bcoz", "because"),
            Map.entry("wud", "would"),
            Map.entry("cud", "could"),
            Map.entry("shud", "should"),
            Map.entry("gud", "good"),
            Map.entry("nite", "night"),
            Map.entry("cu", "see you"),
            Map.entry("cya", "see you"),
            Map.entry("ttyl", "talk to you later"),
            Map.entry("brb", ""),
            Map.entry("lol", ""),
            Map.entry("omg", ""));

    /** The words a digit standing for "to" or "for" sits beside: "4 u", "thanks 4 the", "forward 2 hearing". */
    private static final Set<String> BESIDE_DIGIT_WORDS = Set.of(
            "u",
            "ur",
            "you",
            "your",
            "the",
            "me",
            "us",
            "them",
            "this",
            "that",
            "my",
            "our",
            "all",
            "everything",
            "meet",
            "meeting",
            "hear",
            "hearing",
            "join",
            "joining",
            "work",
            "working",
            "see",
            "talk",
            "speak",
            "chat",
            "share",
            "learn",
            "be",
            "get",
            "go",
            "taking",
            "giving");

    private static final Set<String> BEFORE_DIGIT_WORDS = Set.of(
            "thanks", "thank", "thx", "thnx", "forward", "looking", "want", "going", "able", "happy", "glad", "excited",
            "ready", "hope", "wait", "time", "nice", "great");

    private TextSpeak() {}

    /**
     * The full form of "2" or "4" used as a word: "to" or "for" when a word next to it shows it is not a number
     * ("4 u", "thanks 4 the chat", "look forward 2 hearing"; not "4 years", "2 rounds").
     */
    static Optional<String> digitAsWord(String previousLowercase, String word, String nextLowercase) {
        if (!word.equals("2") && !word.equals("4")) {
            return Optional.empty();
        }
        if (BESIDE_DIGIT_WORDS.contains(nextLowercase) || BEFORE_DIGIT_WORDS.contains(previousLowercase)) {
            return Optional.of(word.equals("2") ? "to" : "for");
        }
        return Optional.empty();
    }

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
