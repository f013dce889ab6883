package com.followup.core.notes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class NoteCheckerProperties {
    private static final NoteChecker CHECKER = NoteChecker.create();

    @Property(tries = 300)
    @Label("R14 R15 R16 R17 every finding's span lies within the text")
    void spansLieWithinText(@ForAll("notes") String text) {
        NoteDraft draft = Drafts.toAnna(text)
                .withSettings(new NoteCheckSettings(5, 10, 0.8))
                .withOtherNotes(List.of(new OtherNote(Drafts.BEN, text.substring(0, text.length() / 2))));

        NoteCheck result = CHECKER.check(draft);

        assertThat(result.findings()).allSatisfy(finding -> finding.span().ifPresent(span -> {
            assertThat(span.end()).isLessThanOrEqualTo(text.length());
            assertThat(span.start()).isLessThanOrEqualTo(span.end());
        }));
        assertThat(result.wordCount()).isEqualTo(Words.count(text));
    }

    @Provide
    Arbitrary<String> notes() {
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.of(
                        "Thank",
                        "you",
                        "thx",
                        "u",
                        "Anna",
                        "[Name]",
                        "<company>",
                        "{{",
                        "}}",
                        "___",
                        "teh",
                        "ledger",
                        "interested",
                        "’s",
                        "don’t",
                        ".",
                        ",",
                        "!",
                        "\n",
                        "\n\n",
                        " ",
                        "@",
                        "www.",
                        "R",
                        "Ty",
                        "I"),
                Arbitraries.strings().ofMaxLength(8));
        return pieces.list().ofMaxSize(60).map(list -> String.join(" ", list));
    }
}
