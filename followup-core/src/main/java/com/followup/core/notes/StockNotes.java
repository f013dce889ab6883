package com.followup.core.notes;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tartarus.snowball.ext.EnglishStemmer;

/**
 * The shipped stock thank-you notes (R16 note-not-generic, resource {@code stock-thank-you-notes.txt}): notes that
 * could go to anyone after any interview. R16 compares a draft with each of them, and R14 does not count their
 * vocabulary ("skills", "culture", "mission") as something specific to this conversation.
 */
final class StockNotes {
    static final String RESOURCE = "stock-thank-you-notes.txt";

    private static final Map<String, String> TEMPLATE_BLANKS =
            Map.of("qqname", NoteTokens.NAME, "qqcompany", NoteTokens.COMPANY, "qqrole", NoteTokens.ROLE);

    /** How close a draft is to the stock notes. */
    record Match(double closest, double coverage) {}

    /** For each word pair of any stock note: the notes that have it, and how often, as {note, count} pairs. */
    private final Map<CharSequence, int[][]> postings;

    /** The Euclidean norm of each stock note's word-pair counts. */
    private final double[] norms;

    private final Set<String> stems;

    private StockNotes(List<String> texts) {
        List<Map<CharSequence, Integer>> pairs = new ArrayList<>();
        Set<String> vocabulary = new HashSet<>();
        EnglishStemmer stemmer = ContentWords.newStemmer();
        for (String text : texts) {
            String filled = text.replace("{name}", "qqname")
                    .replace("{company}", "qqcompany")
                    .replace("{role}", "qqrole");
            NoteText note = new NoteText(filled);
            Map<CharSequence, Integer> counts = NoteTokens.pairs(NoteTokens.of(note.lowercase(), TEMPLATE_BLANKS));
            pairs.add(counts);
            for (String word : note.lowercase()) {
                stemmer.setCurrent(word);
                stemmer.stem();
                vocabulary.add(stemmer.getCurrent());
            }
        }
        Map<CharSequence, List<int[]>> index = new HashMap<>();
        this.norms = new double[pairs.size()];
        for (int note = 0; note < pairs.size(); note++) {
            double sumOfSquares = 0;
            for (Map.Entry<CharSequence, Integer> pair : pairs.get(note).entrySet()) {
                index.computeIfAbsent(pair.getKey(), key -> new ArrayList<>()).add(new int[] {note, pair.getValue()});
                sumOfSquares += (double) pair.getValue() * pair.getValue();
            }
            norms[note] = Math.sqrt(sumOfSquares);
        }
        Map<CharSequence, int[][]> frozen = new HashMap<>();
        index.forEach((pair, notes) -> frozen.put(pair, notes.toArray(int[][]::new)));
        this.postings = Map.copyOf(frozen);
        this.stems = Set.copyOf(vocabulary);
    }

    static StockNotes load() {
        try (InputStream stream = requireNonNull(
                StockNotes.class.getResourceAsStream(RESOURCE), "the resource " + RESOURCE + " is missing")) {
            return parse(new String(stream.readAllBytes(), UTF_8));
        } catch (IOException exception) {
            throw new UncheckedIOException("cannot read " + RESOURCE, exception);
        }
    }

    /** Notes separated by lines "---"; lines starting with "#" are comments. */
    static StockNotes parse(String content) {
        List<String> texts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : content.split("\\R")) {
            if (line.startsWith("#")) {
                continue;
            }
            if (line.strip().equals("---")) {
                addIfAny(texts, current);
                current.setLength(0);
            } else {
                current.append(line).append('\n');
            }
        }
        addIfAny(texts, current);
        return new StockNotes(texts);
    }

    private static void addIfAny(List<String> texts, StringBuilder text) {
        if (!text.toString().isBlank()) {
            texts.add(text.toString().strip());
        }
    }

    int size() {
        return norms.length;
    }

    /** Whether a stem belongs to the stock notes' vocabulary: such a word says nothing about this conversation. */
    boolean isStockStem(String stem) {
        return stems.contains(stem);
    }

    /**
     * The highest cosine similarity of the draft's word pairs to one stock note, and the share of the draft's word
     * pairs that some stock note also has (1 when every pair of the draft is stock wording).
     */
    Match match(Map<CharSequence, Integer> draftPairs) {
        if (draftPairs.isEmpty()) {
            return new Match(0, 0);
        }
        // Cosine similarity to every stock note in one pass over the draft's pairs, through the postings.
        double[] dotProducts = new double[norms.length];
        double sumOfSquares = 0;
        int total = 0;
        int stock = 0;
        for (Map.Entry<CharSequence, Integer> pair : draftPairs.entrySet()) {
            int count = pair.getValue();
            sumOfSquares += (double) count * count;
            total += count;
            int[][] notes = postings.get(pair.getKey());
            if (notes != null) {
                stock += count;
                for (int[] note : notes) {
                    dotProducts[note[0]] += (double) count * note[1];
                }
            }
        }
        double norm = Math.sqrt(sumOfSquares);
        double closest = 0;
        for (int note = 0; note < norms.length; note++) {
            closest = Math.max(closest, dotProducts[note] / (norm * norms[note]));
        }
        return new Match(Math.min(1, closest), (double) stock / total);
    }
}
