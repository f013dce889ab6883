package com.followup.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.followup.core.notes.Words;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class NoteLengthProperties {
    @Provide
    Arbitrary<String> asciiTexts() {
        return Arbitraries.strings()
                .withChars("abcXYZ019 .,;:'-_!?\n\t\"()/&@#$%")
                .ofMaxLength(400);
    }

    @Provide
    Arbitrary<String> anyTexts() {
        return Arbitraries.strings()
                .withChars("abc 019.'-")
                .withCharRange('\u00e0', '\u00ff')
                .withCharRange('\u3040', '\u30ff')
                .withCharRange('\u4e00', '\u4e20')
                .ofMaxLength(300);
    }

    @Property
    @Label("R15: the cheap bound never undercounts the word breaker on ASCII text")
    void boundIsAnUpperBound(@ForAll("asciiTexts") String text) {
        assertThat(NoteLength.asciiWordBound(text)).isGreaterThanOrEqualTo(Words.count(text));
    }

    @Property
    @Label("R15: the shortcut gives the same verdict as counting every word")
    void sameVerdictAsWordsCount(@ForAll("anyTexts") String text, @ForAll @IntRange(min = 1, max = 200) int threshold) {
        int words = NoteLength.wordsIfAbove(text, threshold);
        int exact = Words.count(text);

        if (words < 0) {
            assertThat(exact).isLessThanOrEqualTo(threshold);
        } else {
            assertThat(words).isEqualTo(exact);
        }
    }

    @Property
    @Label("R15: ASCII texts included in the verdict check")
    void sameVerdictOnAscii(@ForAll("asciiTexts") String text, @ForAll @IntRange(min = 1, max = 120) int threshold) {
        int words = NoteLength.wordsIfAbove(text, threshold);
        int exact = Words.count(text);

        assertThat(words < 0 ? exact <= threshold : words == exact).isTrue();
    }
}
