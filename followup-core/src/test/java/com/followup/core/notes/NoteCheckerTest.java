package com.followup.core.notes;

import static com.followup.core.notes.Drafts.ANNA;
import static com.followup.core.notes.Drafts.BEN;
import static com.followup.core.notes.Drafts.NOTE_TO_ANNA;
import static com.followup.core.notes.Drafts.NOTE_TO_BEN;
import static com.followup.core.notes.Drafts.toAnna;
import static com.followup.core.notes.Drafts.toBen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.followup.core.ruleset.RuleId;
import com.followup.core.ruleset.RuleId.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class NoteCheckerTest {
    private static final NoteChecker CHECKER = NoteChecker.create();

    private static NoteCheck check(NoteDraft draft) {
        NoteCheck result = CHECKER.check(draft);
        for (NoteFinding finding : result.findings()) {
            finding.span().ifPresent(span -> assertThat(span.end())
                    .isLessThanOrEqualTo(draft.text().length()));
        }
        return result;
    }

    private static List<String> spanned(NoteCheck result, FindingCode code, String text) {
        return result.findings(code).stream()
                .map(finding -> finding.span().orElseThrow().in(text))
                .toList();
    }

    @Test
    @DisplayName("R14 R15 R16 R17 a good note to Anna has no findings")
    void goodNoteIsClean() {
        NoteCheck result = check(toAnna(NOTE_TO_ANNA).withOtherNotes(List.of(new OtherNote(BEN, NOTE_TO_BEN))));

        assertThat(result.findings()).isEmpty();
        assertThat(result.thanksPresent()).isTrue();
        assertThat(result.interestPresent()).isTrue();
        assertThat(result.specificPresent()).isTrue();
        assertThat(result.wordCount()).isEqualTo(Words.count(NOTE_TO_ANNA));
        assertThat(result.hasBreach()).isFalse();
    }

    @Test
    @DisplayName("R14 R17 an empty draft gives a clear result, not an exception")
    void emptyDraft() {
        for (String text : List.of("", "   \n\t ", "...")) {
            NoteCheck result = check(toAnna(text).withOtherNotes(List.of(new OtherNote(BEN, NOTE_TO_BEN))));

            assertThat(result.findings()).extracting(NoteFinding::code).containsExactly(FindingCode.R14_EMPTY_NOTE);
            assertThat(result.findings().get(0).span()).isEmpty();
            assertThat(result.wordCount()).isZero();
            assertThat(result.thanksPresent()).isFalse();
            // Nothing shared is not "most alike" (issue 16: "Most alike: Ben (0 % alike)").
            assertThat(result.mostSimilarNote()).isEmpty();
        }
    }

    @Nested
    class NoteContent {
        @Test
        @DisplayName("R14 thanks: present in several forms, missing is advice on the whole note")
        void thanks() {
            for (String thanks : List.of("Thank you", "Thanks", "I am grateful", "I really appreciate it")) {
                assertThat(check(toAnna(thanks + ", Anna. I am interested in the role."))
                                .thanksPresent())
                        .as(thanks)
                        .isTrue();
            }

            NoteCheck result = check(toAnna("Dear Anna, I am interested in the role."));

            assertThat(result.thanksPresent()).isFalse();
            NoteFinding finding =
                    result.findings(FindingCode.R14_MISSING_THANKS).get(0);
            assertThat(finding.rule()).isEqualTo(RuleId.R14);
            assertThat(finding.severity()).isEqualTo(Severity.ADVICE);
            assertThat(finding.span()).isEmpty();
            assertThat(finding.message()).contains("Anna");
        }

        @Test
        @DisplayName("R14 interest: stated or missing")
        void interest() {
            for (String interest : List.of(
                    "I would love to join Paylio.",
                    "i really want the job.",
                    "I REALLY WANT THE JOB!",
                    "I look forward to working with you.",
                    "I can't wait to start.",
                    "I could not be more excited about the ledger work.",
                    "There is no doubt that I want this role.",
                    "I am very intrested in the position.")) {
                assertThat(check(toAnna("Thank you, Anna. " + interest)).interestPresent())
                        .as(interest)
                        .isTrue();
            }
            for (String noInterest : List.of(
                    "I look forward to hearing from you.",
                    "I wanted to thank you again.",
                    "I would like to thank you for your time.")) {
                NoteCheck result = check(toAnna("Thank you, Anna. " + noInterest));
                assertThat(result.interestPresent()).as(noInterest).isFalse();
                assertThat(result.findings()).extracting(NoteFinding::code).contains(FindingCode.R14_MISSING_INTEREST);
            }

            NoteCheck result = check(toAnna("Thank you for your time and the Kafka talk, Anna."));

            assertThat(result.interestPresent()).isFalse();
            assertThat(result.findings())
                    .extracting(NoteFinding::code)
                    .containsExactly(FindingCode.R14_MISSING_INTEREST);
        }

        @Test
        @DisplayName("R14 interest: a negated statement is not interest and gets a finding of its own on its sentence")
        void negatedInterest() {
            for (String negated : List.of(
                    "I am no longer interested in the role.",
                    "I am not interested in the position.",
                    "I don't think I want the job.",
                    "I have decided to withdraw my application.",
                    "I have accepted another offer.")) {
                String text = "Thank you for explaining the Kafka migration, Anna. " + negated;
                NoteCheck result = check(toAnna(text));

                assertThat(result.interestPresent()).as(negated).isFalse();
                assertThat(result.findings())
                        .as(negated)
                        .extracting(NoteFinding::code)
                        .containsExactly(FindingCode.R14_INTEREST_NEGATED);
                NoteFinding finding = result.findings().get(0);
                assertThat(finding.rule()).isEqualTo(RuleId.R14);
                assertThat(finding.severity()).isEqualTo(Severity.ADVICE);
                assertThat(finding.span().orElseThrow().in(text)).isEqualTo(negated.substring(0, negated.length() - 1));
                assertThat(finding.message()).contains("do not want the role");
            }
            assertThat(check(toAnna("Thank you, Anna, for the Kafka talk. Please don't hesitate to call; I am keen."))
                            .findings(RuleId.R14))
                    .isEmpty();
        }

        @Test
        @DisplayName(
                "R14 R16 the issue's stock note: a greeting by name and stock phrases are neither specific nor own")
        void stockNoteByName() {
            NoteRecipient michael = new NoteRecipient("Michael", "Brown", Optional.of("Head of Planning"));
            NoteCheck result = CHECKER.check(NoteDraft.of(
                            "Dear Michael, thank you for your time. I enjoyed our conversation and look forward to"
                                    + " hearing from you.",
                            michael)
                    .withCompany("Greenleaf Foods")
                    .withRole("Supply Chain Analyst")
                    .withDebrief("Cold storage warehouse in Leeds, forecasting spoilage; concern: no SAP."));

            assertThat(result.specificPresent()).isFalse();
            assertThat(result.findings())
                    .extracting(NoteFinding::code)
                    .containsExactly(
                            FindingCode.R14_MISSING_INTEREST,
                            FindingCode.R14_MISSING_SPECIFIC,
                            FindingCode.R16_STOCK_TEMPLATE);
            NoteFinding stock = result.findings(FindingCode.R16_STOCK_TEMPLATE).get(0);
            assertThat(stock.rule()).isEqualTo(RuleId.R16);
            assertThat(stock.message()).contains("stock thank-you note");
        }

        @Test
        @DisplayName("R14 specific: the role's title and the company's name alone are not specific")
        void roleAndCompanyAreNotSpecific() {
            NoteCheck result = check(toAnna("Thank you, Anna. I am interested in the Senior Engineer role at Paylio.")
                    .withRole("Senior Engineer")
                    .withDebrief("Senior Engineer at Paylio: the Kafka migration."));

            assertThat(result.specificPresent()).isFalse();
            assertThat(result.topicsMentioned()).isEmpty();
        }

        @Test
        @DisplayName(
                "R14 specific: a word of the role's title counts outside the title; a name after the closing does not")
        void titleWordsAndSignOff() {
            NoteDraft draft = NoteDraft.of("", new NoteRecipient("Hannah", "Hiring"))
                    .withCompany("Northwind Traders")
                    .withRole("Data engineer");

            assertThat(CHECKER.check(draft.withText("Dear Hannah, thank you for your time today. I enjoyed our"
                                    + " conversation about the data pipeline and I am very interested in the data"
                                    + " engineer role."))
                            .specificPresent())
                    .isTrue();
            assertThat(CHECKER.check(draft.withText("Dear Hannah, thank you for your time today. I am very interested"
                                    + " in the data engineer role. Best regards, Cara"))
                            .specificPresent())
                    .isFalse();
        }

        @Test
        @DisplayName("R14 specific: without a debrief, words of this conversation outside the stock notes count")
        void ownWordsWithoutDebrief() {
            NoteCheck result = CHECKER.check(
                    NoteDraft.of("Thank you, Anna, for showing me the warehouse robots. I am keen to join.", ANNA));

            assertThat(result.specificPresent()).isTrue();
        }

        @Test
        @DisplayName("R14 specific: a generic note misses it, the interview's own vocabulary does not count")
        void genericNoteIsNotSpecific() {
            NoteCheck result = check(toAnna("Hello, thank you for the interview today. I am very interested in the "
                    + "position and look forward to hearing from the team."));

            assertThat(result.specificPresent()).isFalse();
            assertThat(result.topicsMentioned()).isEmpty();
            assertThat(result.findings())
                    .extracting(NoteFinding::code)
                    .containsExactly(FindingCode.R14_MISSING_SPECIFIC, FindingCode.R16_STOCK_TEMPLATE);
        }

        @Test
        @DisplayName("R14 specific: the interviewer's name alone is not specific (a greeting could be in any note)")
        void namesTheInterviewer() {
            assertThat(check(toAnna("Thank you, Ms. Lindqvist. I am interested in the role."))
                            .specificPresent())
                    .isFalse();
            NoteRecipient will = new NoteRecipient("Will", "Turner");
            assertThat(CHECKER.check(NoteDraft.of("Thank you, Will. I am interested.", will))
                            .specificPresent())
                    .isFalse();
        }

        @Test
        @DisplayName("R14 specific: a debrief topic counts, matched on stems")
        void mentionsDebriefTopic() {
            NoteCheck result = check(
                    toAnna("Thank you for explaining how you migrated the ledgers. I am interested in " + "the role."));

            assertThat(result.specificPresent()).isTrue();
            assertThat(result.topicsMentioned()).containsExactly("migrated", "ledgers");
            assertThat(result.findings(RuleId.R14)).isEmpty();
        }
    }

    @Nested
    class NoteBrevity {
        @Test
        @DisplayName("R15 150 words is fine, 151 is advice spanning the 151st word")
        void adviceBoundary() {
            assertThat(check(toAnna(Drafts.words(150))).findings(RuleId.R15)).isEmpty();

            String text = Drafts.words(151);
            NoteCheck result = check(toAnna(text));

            assertThat(result.wordCount()).isEqualTo(151);
            NoteFinding finding = result.findings(RuleId.R15).get(0);
            assertThat(result.findings(RuleId.R15)).hasSize(1);
            assertThat(finding.code()).isEqualTo(FindingCode.R15_LONG);
            assertThat(finding.severity()).isEqualTo(Severity.ADVICE);
            assertThat(finding.span().orElseThrow()).isEqualTo(span(text, 150, 150));
            assertThat(result.hasBreach()).isFalse();
        }

        @Test
        @DisplayName("R15 200 words is still advice, 201 is a breach and only a breach")
        void breachBoundary() {
            String twoHundred = Drafts.words(200);
            NoteCheck advice = check(toAnna(twoHundred));
            assertThat(advice.findings(RuleId.R15))
                    .extracting(NoteFinding::code)
                    .containsExactly(FindingCode.R15_LONG);
            assertThat(advice.findings(RuleId.R15).get(0).span()).contains(span(twoHundred, 150, 199));
            assertThat(advice.hasBreach()).isFalse();

            String text = Drafts.words(201);
            NoteCheck result = check(toAnna(text));

            assertThat(result.wordCount()).isEqualTo(201);
            assertThat(result.findings(RuleId.R15))
                    .extracting(NoteFinding::code)
                    .containsExactly(FindingCode.R15_TOO_LONG);
            NoteFinding finding = result.findings(RuleId.R15).get(0);
            assertThat(finding.severity()).isEqualTo(Severity.BREACH);
            assertThat(finding.span().orElseThrow().in(text))
                    .isEqualTo(Words.of(text).get(200).text());
            assertThat(result.hasBreach()).isTrue();
        }

        @Test
        @DisplayName("R15 the agency's own thresholds apply")
        void customThresholds() {
            NoteDraft draft = toAnna(Drafts.words(40)).withSettings(new NoteCheckSettings(20, 30, 0.8));

            assertThat(check(draft).findings(RuleId.R15))
                    .extracting(NoteFinding::code)
                    .containsExactly(FindingCode.R15_TOO_LONG);
        }

        /** The span from the start of word {@code first} to the end of word {@code last}, counted from zero. */
        private TextSpan span(String text, int first, int last) {
            List<Words.Word> words = Words.of(text);
            return new TextSpan(words.get(first).start(), words.get(last).end());
        }
    }

    @Nested
    class NoteNotGeneric {
        private final String copyForBen = NOTE_TO_ANNA.replace("Anna", "Ben");

        @Test
        @DisplayName("R16 the same note to two interviewers is flagged, naming the other recipient")
        void sameNoteTwice() {
            NoteCheck result = check(toBen(copyForBen).withOtherNotes(List.of(new OtherNote(ANNA, NOTE_TO_ANNA))));

            NoteFinding finding = result.findings(FindingCode.R16_NEAR_COPY).get(0);
            assertThat(finding.rule()).isEqualTo(RuleId.R16);
            assertThat(finding.severity()).isEqualTo(Severity.ADVICE);
            assertThat(finding.span()).isEmpty();
            assertThat(finding.message()).contains("Anna Lindqvist");
            SimilarNote closest = result.mostSimilarNote().orElseThrow();
            assertThat(closest.recipient()).isEqualTo(ANNA);
            assertThat(closest.similarity()).isEqualTo(1.0);
        }

        @Test
        @DisplayName("R16 a lightly edited copy is still a near-copy")
        void editedCopy() {
            String edited = copyForBen.replace("on Tuesday", "this week").replace("very interested", "keen");

            NoteCheck result = check(toBen(edited).withOtherNotes(List.of(new OtherNote(ANNA, NOTE_TO_ANNA))));

            assertThat(result.mostSimilarNote().orElseThrow().similarity()).isBetween(0.8, 0.99);
            assertThat(result.findings(FindingCode.R16_NEAR_COPY)).hasSize(1);
        }

        @Test
        @DisplayName("R16 a genuinely different note to the second interviewer is not flagged")
        void differentNote() {
            NoteCheck result = check(toBen(NOTE_TO_BEN).withOtherNotes(List.of(new OtherNote(ANNA, NOTE_TO_ANNA))));

            assertThat(result.findings(RuleId.R16)).isEmpty();
            assertThat(result.mostSimilarNote().orElseThrow().similarity()).isLessThan(0.3);
        }

        @Test
        @DisplayName("R16 the closest of several notes is reported, and each copied one is flagged")
        void severalNotes() {
            NoteRecipient chris = new NoteRecipient("Chris", "Park");
            NoteCheck result = check(toBen(copyForBen)
                    .withOtherNotes(List.of(
                            new OtherNote(chris, "Thank you, Chris, for the tour."),
                            new OtherNote(ANNA, NOTE_TO_ANNA))));

            assertThat(result.mostSimilarNote().orElseThrow().index()).isEqualTo(1);
            assertThat(result.findings(FindingCode.R16_NEAR_COPY)).hasSize(1);
            assertThat(check(toBen(NOTE_TO_BEN)).mostSimilarNote()).isEmpty();
        }

        @Test
        @DisplayName("R16 template placeholders left in are flagged at their position")
        void templatePlaceholders() {
            String text = "Dear [Interviewer Name], thank you for the interview at <company>. I am interested in the"
                    + " {{role}} and can start ___ or whenever suits. See reference [1].";

            NoteCheck result = check(toAnna(text));

            assertThat(spanned(result, FindingCode.R16_TEMPLATE_PLACEHOLDER, text))
                    .containsExactly("[Interviewer Name]", "<company>", "{{role}}", "___");
            assertThat(check(toAnna(NOTE_TO_ANNA)).findings(FindingCode.R16_TEMPLATE_PLACEHOLDER))
                    .isEmpty();
        }
    }

    @Nested
    class NoteLanguage {
        @Test
        @DisplayName("R17 a typo is found at its position with suggestions")
        void typo() {
            String text = "Thank you for the oppurtunity to meet you, Anna. I am interested in the role.";

            NoteCheck result = check(toAnna(text));

            NoteFinding finding = result.findings(FindingCode.R17_MISSPELLING).get(0);
            assertThat(result.findings(RuleId.R17)).hasSize(1);
            assertThat(finding.span().orElseThrow().in(text)).isEqualTo("oppurtunity");
            assertThat(finding.suggestions()).first().isEqualTo("opportunity");
            assertThat(finding.suggestions()).hasSizeLessThanOrEqualTo(3);
            assertThat(finding.message()).contains("opportunity");
        }

        @Test
        @DisplayName("R17 common misspellings get their word as the first suggestion")
        void commonMisspellings() {
            Map<String, String> expected = Map.of(
                    "recieve", "receive",
                    "definately", "definitely",
                    "seperate", "separate",
                    "occured", "occurred",
                    "untill", "until",
                    "beleive", "believe",
                    "teh", "the");
            for (String typo : expected.keySet()) {
                String text = "Thank you, Anna, I " + typo + " I am interested.";

                NoteFinding finding = check(toAnna(text))
                        .findings(FindingCode.R17_MISSPELLING)
                        .get(0);

                assertThat(finding.span().orElseThrow().in(text)).isEqualTo(typo);
                assertThat(finding.suggestions()).as(typo).first().isEqualTo(expected.get(typo));
            }
        }

        @Test
        @DisplayName("R17 a typo opening a sentence is found though it is capitalised")
        void capitalisedTypo() {
            String text = "Dear Anna,\nThnak you for the chat. Definately interested in the role.";

            NoteCheck result = check(toAnna(text));

            assertThat(spanned(result, FindingCode.R17_MISSPELLING, text)).containsExactly("Thnak", "Definately");
            assertThat(result.findings(FindingCode.R17_MISSPELLING).get(0).suggestions())
                    .contains("Thank");
        }

        @Test
        @DisplayName(
                "R17 proper names are not typos: recipient, company, mid-sentence capitals, debrief names, signature")
        void properNames() {
            NoteRecipient recipient = new NoteRecipient("Oluwaseun", "Adebayo-Okonkwo");
            String text =
                    """
                    Dear Oluwaseun,

                    Thank you for the tour of Zyxtrel Quorbia. Meeting Xiomara and Quentavious made me keen to join,
                    and Brannigham's demo of Fleebix was a highlight. Adebayo-Okonkwo was right about latency.
                    Vantrellis came up too; oluwaseun, I'm grateful.

                    Warm regards,
                    Tsholofelo Mabuzaane
                    """;
            NoteDraft draft = NoteDraft.of(text, recipient)
                    .withCompany("Zyxtrel Quorbia")
                    .withDebrief("Met Vantrellis from the data group.");

            NoteCheck result = check(draft);

            assertThat(result.findings(RuleId.R17)).isEmpty();
        }

        @Test
        @DisplayName("R17 acronyms, links, e-mail addresses, numbers and apostrophes are not typos")
        void notWords() {
            String text = "Thank you, Anna. We’re aligned: the team’s AWS and SQL work, 99.9% uptime, Q3 goals, "
                    + "anna@paylio.example and https://paylio.example/careers. I’m interested in the role.";

            assertThat(check(toAnna(text)).findings(RuleId.R17)).isEmpty();
        }

        @Test
        @DisplayName("R17 text-speak is found at its position with the full form")
        void textSpeak() {
            String text =
                    "Hi Anna, thx 4 the chat! u were gr8, pls let me know b4 Friday. I am interested in the role.";

            NoteCheck result = check(toAnna(text));

            List<NoteFinding> findings = result.findings(FindingCode.R17_TEXT_SPEAK);
            assertThat(spanned(result, FindingCode.R17_TEXT_SPEAK, text))
                    .containsExactly("thx", "4", "u", "gr8", "pls", "b4");
            assertThat(findings.get(0).span().orElseThrow()).isEqualTo(new TextSpan(9, 12));
            assertThat(findings)
                    .extracting(finding -> finding.suggestions().get(0))
                    .containsExactly("thanks", "for", "you", "great", "please", "before");
            assertThat(findings)
                    .allSatisfy(finding -> assertThat(finding.rule()).isEqualTo(RuleId.R17));
            assertThat(result.thanksPresent()).isTrue();
        }

        @Test
        @DisplayName("R17 digits used as words are text-speak; digits used as numbers are not")
        void digitsAsWords() {
            String text = "Thank you 4 u time, Anna. I look forward 2 hearing from you, l8r today or 2day. I have"
                    + " 4 years of Kafka and did 2 rounds; I am interested in the role.";

            NoteCheck result = check(toAnna(text));

            assertThat(spanned(result, FindingCode.R17_TEXT_SPEAK, text)).containsExactly("4", "u", "2", "l8r", "2day");
            assertThat(result.findings(FindingCode.R17_TEXT_SPEAK))
                    .extracting(finding -> finding.suggestions().get(0))
                    .containsExactly("for", "you", "to", "later", "today");
        }

        @Test
        @DisplayName("R17 names and initials that look like text-speak are left alone")
        void textSpeakLookalikes() {
            String text =
                    "Thank you, Anna. Ty Burrell and U. Grant showed me the R and SQL notebooks; I am interested.";

            assertThat(check(toAnna(text)).findings(RuleId.R17)).isEmpty();
        }

        @Test
        @DisplayName("R17 every misspelling is reported; only the first three carry suggestions")
        void manyTypos() {
            String text =
                    "Thnak you for teh intervew, I am intrested in the oppurtunity and realy exited to recieve news.";

            NoteCheck result = check(toAnna(text));

            List<NoteFinding> typos = result.findings(FindingCode.R17_MISSPELLING);
            assertThat(spanned(result, FindingCode.R17_MISSPELLING, text))
                    .containsExactly("Thnak", "teh", "intervew", "intrested", "oppurtunity", "realy", "recieve");
            assertThat(typos.subList(0, 3))
                    .allSatisfy(typo -> assertThat(typo.suggestions()).isNotEmpty());
            assertThat(typos.subList(3, 7))
                    .allSatisfy(typo -> assertThat(typo.suggestions()).isEmpty());
        }
    }

    @Test
    @DisplayName("R15 R17 a 10,000-word draft is checked in reasonable time")
    void veryLongDraft() {
        String text = Drafts.words(9_992) + " Anna, I am interested, here is a typpo.";
        long started = System.nanoTime();

        NoteCheck result = check(toAnna(text).withOtherNotes(List.of(new OtherNote(BEN, NOTE_TO_BEN))));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(result.wordCount()).isEqualTo(10_000);
        assertThat(result.findings(RuleId.R15)).extracting(NoteFinding::code).containsExactly(FindingCode.R15_TOO_LONG);
        assertThat(spanned(result, FindingCode.R17_MISSPELLING, text)).containsExactly("typpo");
    }

    @Test
    @DisplayName("R14 R17 one checker shared by several threads gives the same answers")
    void threadSafe() {
        List<NoteDraft> drafts = IntStream.range(0, 200)
                .mapToObj(index -> toAnna(NOTE_TO_ANNA.replace("Tuesday", "Tuesdya" + "abcdefghij".charAt(index % 10))))
                .toList();
        List<NoteCheck> sequential = drafts.stream().map(CHECKER::check).toList();

        List<NoteCheck> parallel = drafts.parallelStream().map(CHECKER::check).toList();

        assertThat(parallel).isEqualTo(sequential);
    }

    @Test
    @DisplayName("R14 R15 R16 R17 a finding's rule and severity must agree with its code")
    void findingConsistency() {
        assertThatThrownBy(() -> new NoteFinding(
                        FindingCode.R15_TOO_LONG, RuleId.R15, Severity.ADVICE, "message", Optional.empty(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
