package com.followup.core.notes;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.tartarus.snowball.ext.EnglishStemmer;

/**
 * Reduces words to Snowball (Porter2) stems and drops those that carry no topic (R14): the Snowball English stop
 * word list as Lucene ships it, plus a few words every thank-you note uses whatever the interview was about.
 */
final class ContentWords {
    private static final String STOP_WORDS = "/org/apache/lucene/analysis/snowball/english_stop.txt";

    /**
     * Words that appear in any note or debrief about any interview: matching one of them would make a stock
     * note look specific. Ours, not a library's, because no list of interview vocabulary exists.
     */
    private static final Set<String> INTERVIEW_VOCABULARY = Set.of(
            "interview",
            "interviewer",
            "interviewed",
            "role",
            "position",
            "job",
            "opportunity",
            "time",
            "team",
            "company",
            "meet",
            "meeting",
            "met",
            "today",
            "yesterday",
            "discuss",
            "discussed",
            "discussion",
            "conversation",
            "talk",
            "talked",
            "chat",
            "thank",
            "thanks",
            "great",
            "good",
            "really",
            "also",
            "look",
            "forward",
            "hear",
            "hearing",
            "learn",
            "learned",
            "next",
            "step",
            "steps",
            "week",
            "candidate",
            "hope",
            "would",
            "could",
            "like",
            "best",
            "regards",
            "dear",
            "hello",
            "sincerely",
            "much",
            "well",
            "many");

    private static final int SHORTEST_TOPIC = 3;

    private final Set<String> stopWords;
    private final Set<String> vocabularyStems;

    private ContentWords(Set<String> stopWords) {
        this.stopWords = Set.copyOf(stopWords);
        EnglishStemmer stemmer = new EnglishStemmer();
        Set<String> stems = new HashSet<>();
        for (String word : INTERVIEW_VOCABULARY) {
            stems.add(stem(stemmer, word));
        }
        this.vocabularyStems = Set.copyOf(stems);
    }

    static ContentWords load() {
        try (InputStream stream = requireNonNull(
                        ContentWords.class.getResourceAsStream(STOP_WORDS), "Lucene's " + STOP_WORDS + " is missing");
                BufferedReader reader = new BufferedReader(new InputStreamReader(stream, UTF_8))) {
            Set<String> words = new HashSet<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                // Snowball's format: one word a line, "|" starts a comment.
                int comment = line.indexOf('|');
                String word = (comment < 0 ? line : line.substring(0, comment)).strip();
                if (!word.isEmpty()) {
                    words.add(word);
                }
            }
            return new ContentWords(words);
        } catch (IOException exception) {
            throw new UncheckedIOException("cannot read " + STOP_WORDS, exception);
        }
    }

    /** A stemmer for one thread: Snowball's keep their state between calls. */
    static EnglishStemmer newStemmer() {
        return new EnglishStemmer();
    }

    /** The stem of a lower-case word if it can name a topic; empty for stop words and interview vocabulary. */
    Optional<String> topicStem(EnglishStemmer stemmer, String lowercaseWord) {
        if (lowercaseWord.length() < SHORTEST_TOPIC
                || stopWords.contains(lowercaseWord)
                || !isAlphabetic(lowercaseWord)) {
            return Optional.empty();
        }
        String stem = stem(stemmer, lowercaseWord);
        return vocabularyStems.contains(stem) ? Optional.empty() : Optional.of(stem);
    }

    private static String stem(EnglishStemmer stemmer, String word) {
        stemmer.setCurrent(word);
        stemmer.stem();
        return stemmer.getCurrent();
    }

    private static boolean isAlphabetic(String word) {
        for (int i = 0; i < word.length(); i++) {
            char character = word.charAt(i);
            if (!Character.isLetter(character) && character != '\'') {
                return false;
            }
        }
        return true;
    }
}
