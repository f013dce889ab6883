package com.followup.core.notes;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.tartarus.snowball.ext.EnglishStemmer;

/**
 * R14 note-content: the note thanks the interviewer, says the candidate wants the role, and says something only
 * this interviewer would recognise (their name, or a topic from the candidate's debrief).
 */
final class NoteContentCheck {
    /** Beginnings of the words that thank: thank, thanks, thankful, appreciate, appreciation, grateful, gratitude. */
    private static final List<String> THANKS_PREFIXES = List.of("thank", "apprecia", "grateful", "gratitude");

    /** Text-speak still thanks; R17 asks for the full word separately. Not "ty", which is also a name. */
    private static final Set<String> THANKS_SHORTHAND = Set.of("thx", "thnx", "thanx", "tks");

    private static final Set<String> INTEREST_WORDS = Set.of(
            "interested",
            "interest",
            "excited",
            "exciting",
            "enthusiastic",
            "enthusiasm",
            "eager",
            "keen",
            "thrilled",
            "passionate",
            "motivated");

    /** Two-word phrases that say "I want this job" without any of the words above. */
    private static final Set<String> INTEREST_PHRASES =
            Set.of("look forward", "looking forward", "love to", "to join", "to contribute");

    record Result(
            List<NoteFinding> findings, boolean thanks, boolean interest, boolean specific, List<String> topics) {}

    private final ContentWords contentWords;

    NoteContentCheck(ContentWords contentWords) {
        this.contentWords = requireNonNull(contentWords, "contentWords is null");
    }

    Result check(NoteText note, NoteDraft draft, EnglishStemmer stemmer) {
        NoteRecipient recipient = draft.recipient();
        if (note.size() == 0) {
            return new Result(
                    List.of(NoteFinding.wholeNote(
                            FindingCode.R14_EMPTY_NOTE,
                            "Nothing written yet. Open by thanking " + recipient.callName()
                                    + " for the conversation, then say why you want the role.")),
                    false,
                    false,
                    false,
                    List.of());
        }
        boolean thanks = hasThanks(note);
        boolean interest = hasInterest(note);
        List<String> topics = topicsMentioned(note, draft.debrief(), stemmer);
        boolean specific = namesRecipient(note, recipient) || !topics.isEmpty();

        List<NoteFinding> findings = new ArrayList<>();
        if (!thanks) {
            findings.add(NoteFinding.wholeNote(
                    FindingCode.R14_MISSING_THANKS,
                    "Add a thank-you: one line thanking " + recipient.callName()
                            + " for their time is the heart of this note."));
        }
        if (!interest) {
            findings.add(NoteFinding.wholeNote(
                    FindingCode.R14_MISSING_INTEREST,
                    "Say that you want the job: a sentence on what draws you to the role shows you are still keen."));
        }
        if (!specific) {
            findings.add(NoteFinding.wholeNote(
                    FindingCode.R14_MISSING_SPECIFIC,
                    "Make it personal: address " + recipient.callName()
                            + " by name or bring up something you talked about, so the note could only be for them."));
        }
        return new Result(findings, thanks, interest, specific, topics);
    }

    private static boolean hasThanks(NoteText note) {
        for (String word : note.lowercase()) {
            if (THANKS_SHORTHAND.contains(word)) {
                return true;
            }
            for (String prefix : THANKS_PREFIXES) {
                if (word.startsWith(prefix)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean hasInterest(NoteText note) {
        List<String> words = note.lowercase();
        for (int index = 0; index < words.size(); index++) {
            if (INTEREST_WORDS.contains(words.get(index))) {
                return true;
            }
            if (index > 0 && INTEREST_PHRASES.contains(words.get(index - 1) + " " + words.get(index))) {
                return true;
            }
        }
        return false;
    }

    /** A name counts when written with its capital: "Will" is a name, "will" is a verb. */
    private static boolean namesRecipient(NoteText note, NoteRecipient recipient) {
        Set<String> nameParts = new HashSet<>();
        for (String name : List.of(recipient.firstName(), recipient.lastName())) {
            for (Words.Word part : Words.of(name)) {
                nameParts.add(part.text().toLowerCase(Locale.ROOT));
            }
        }
        List<Words.Word> words = note.words();
        for (int index = 0; index < words.size(); index++) {
            if (nameParts.contains(note.lowercase().get(index))
                    && Character.isUpperCase(words.get(index).text().charAt(0))) {
                return true;
            }
        }
        return false;
    }

    /** The note's words whose stems are debrief topics, one per stem, in the note's order. */
    private List<String> topicsMentioned(NoteText note, String debrief, EnglishStemmer stemmer) {
        if (debrief.isBlank()) {
            return List.of();
        }
        Set<String> debriefStems = new HashSet<>();
        NoteText debriefText = new NoteText(debrief);
        for (String word : debriefText.lowercase()) {
            contentWords.topicStem(stemmer, word).ifPresent(debriefStems::add);
        }
        Map<String, String> mentioned = new LinkedHashMap<>();
        List<Words.Word> words = note.words();
        for (int index = 0; index < words.size(); index++) {
            String word = words.get(index).text();
            contentWords
                    .topicStem(stemmer, note.lowercase().get(index))
                    .filter(debriefStems::contains)
                    .ifPresent(stem -> mentioned.putIfAbsent(stem, word));
        }
        return List.copyOf(mentioned.values());
    }
}
