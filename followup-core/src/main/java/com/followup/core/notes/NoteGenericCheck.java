package com.followup.core.notes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.text.similarity.CosineSimilarity;

/**
 * R16 note-not-generic: a note that is a near-copy of another note of the same interview, or a stock template with
 * its blanks still in.
 *
 * <p>Similarity is the cosine of the two notes' word-pair counts. Pairs rather than single words because any two
 * thank-you notes share most of their single words ("thank", "you", "role"); what a copy shares is the wording.
 * Each note's own recipient's name counts as one placeholder word, so swapping the name does not hide a copy.
 */
final class NoteGenericCheck {
    private static final String NAME_TOKEN = "\u0000name";

    /**
     * Blanks of a template: [Name], <company>, {role}, {{first_name}}, XXX, ___. The inside must start with a
     * letter so that "[1]" or "<3" is not taken for one.
     */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\[\\s*\\p{L}[^\\[\\]\\r\\n]{0,40}]"
            + "|<\\s*\\p{L}[^<>\\r\\n]{0,40}>"
            + "|\\{\\{?\\s*\\p{L}[^{}\\r\\n]{0,40}}}?"
            + "|\\b(?:XXX+|xxx+)\\b"
            + "|_{3,}");

    record Result(List<NoteFinding> findings, Optional<SimilarNote> mostSimilar) {}

    private final CosineSimilarity cosine = new CosineSimilarity();

    Result check(NoteText note, NoteDraft draft) {
        List<NoteFinding> findings = new ArrayList<>();
        Optional<SimilarNote> mostSimilar = Optional.empty();
        Map<CharSequence, Integer> shingles = shingles(note, draft.recipient());
        List<OtherNote> others = draft.otherNotes();
        for (int index = 0; index < others.size(); index++) {
            OtherNote other = others.get(index);
            double similarity = similarity(shingles, shingles(new NoteText(other.text()), other.recipient()));
            SimilarNote candidate = new SimilarNote(index, other.recipient(), similarity);
            if (mostSimilar.isEmpty() || similarity > mostSimilar.get().similarity()) {
                mostSimilar = Optional.of(candidate);
            }
            if (similarity >= draft.settings().similarityThreshold()) {
                findings.add(NoteFinding.wholeNote(
                        FindingCode.R16_NEAR_COPY,
                        "This note reads almost the same as the one to "
                                + other.recipient().fullName() + " (" + Math.round(similarity * 100)
                                + "% alike). Write each interviewer their own: bring in what you discussed with "
                                + draft.recipient().callName() + "."));
            }
        }
        Matcher placeholder = PLACEHOLDER.matcher(note.text());
        while (placeholder.find()) {
            findings.add(NoteFinding.at(
                    FindingCode.R16_TEMPLATE_PLACEHOLDER,
                    "\"" + placeholder.group() + "\" looks like a blank left from a template. Fill it in, and check"
                            + " the rest of the note sounds like you.",
                    new TextSpan(placeholder.start(), placeholder.end()),
                    List.of()));
        }
        return new Result(findings, mostSimilar);
    }

    private double similarity(Map<CharSequence, Integer> left, Map<CharSequence, Integer> right) {
        if (left.isEmpty() || right.isEmpty()) {
            return 0;
        }
        double similarity = cosine.cosineSimilarity(left, right);
        // Rounding can step a hair outside [0, 1].
        return Double.isNaN(similarity) ? 0 : Math.max(0, Math.min(1, similarity));
    }

    /** Counts of consecutive word pairs; a one-word note has no pair and is compared by its word. */
    private static Map<CharSequence, Integer> shingles(NoteText note, NoteRecipient recipient) {
        Set<String> nameParts = new HashSet<>();
        for (String name : List.of(recipient.firstName(), recipient.lastName())) {
            for (Words.Word part : Words.of(name)) {
                nameParts.add(part.text().toLowerCase(Locale.ROOT));
            }
        }
        List<String> tokens = new ArrayList<>(note.size());
        for (String word : note.lowercase()) {
            tokens.add(nameParts.contains(word) ? NAME_TOKEN : word);
        }
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
