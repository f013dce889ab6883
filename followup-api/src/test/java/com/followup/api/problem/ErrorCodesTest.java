package com.followup.api.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The table of error codes in docs/api.md and {@link ErrorCode} say the same: each code, with its status. */
class ErrorCodesTest {
    private static final Path API_DOC = Path.of("..", "docs", "api.md");
    private static final String SECTION = "## Error codes";
    private static final Pattern ROW = Pattern.compile("^\\| (\\d{3}) \\| `([A-Z0-9_]+)` \\| .+ \\|$");

    @Test
    void everyCodeIsDocumentedWithItsStatus() throws IOException {
        Map<String, Integer> documented = documented();
        Map<String, Integer> inCode = Arrays.stream(ErrorCode.values())
                .collect(Collectors.toMap(ErrorCode::code, ErrorCode::status, (a, b) -> a, LinkedHashMap::new));

        assertThat(documented)
                .as("codes of ErrorCode missing from the table in docs/api.md, or with another status there")
                .containsAllEntriesOf(inCode);
        assertThat(inCode)
                .as("codes documented in docs/api.md that ErrorCode does not have, or has with another status")
                .containsAllEntriesOf(documented);
    }

    @Test
    void theTableListsEachCodeOnceInOrderOfStatus() throws IOException {
        List<Integer> statuses =
                rows().stream().map(row -> Integer.parseInt(row.group(1))).toList();
        List<String> codes = rows().stream().map(row -> row.group(2)).toList();

        assertThat(codes).doesNotHaveDuplicates();
        assertThat(statuses).isSorted();
    }

    @Test
    void aProblemAnswersWithItsCodesStatusAndTitle() {
        for (ErrorCode code : ErrorCode.values()) {
            Problem problem = ProblemException.of(code, "detail").problem();

            assertThat(problem.code()).isEqualTo(code.name());
            assertThat(problem.status()).isEqualTo(code.status());
            assertThat(problem.title()).isEqualTo(code.title());
            assertThat(problem.type())
                    .hasToString("https://followup.example/problems/"
                            + code.name().toLowerCase().replace('_', '-'));
        }
    }

    @Test
    void aCallSiteCannotGiveACodeAnotherStatus() {
        assertThatThrownBy(() -> ProblemException.badRequest(ErrorCode.STALE_VERSION, "detail", List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("STALE_VERSION answers 409, not 400");
        assertThatThrownBy(() -> ProblemException.conflict(ErrorCode.NOT_FOUND, "detail"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProblemException.forbidden(ErrorCode.NOT_AUTHENTICATED, "detail"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Map<String, Integer> documented() throws IOException {
        return rows().stream()
                .collect(Collectors.toMap(
                        row -> row.group(2),
                        row -> Integer.parseInt(row.group(1)),
                        (first, second) -> first,
                        LinkedHashMap::new));
    }

    /** The rows of the table under "## Error codes", up to the next section. */
    private static List<Matcher> rows() throws IOException {
        List<String> lines = Files.readAllLines(API_DOC);
        int start = lines.indexOf(SECTION);
        assertThat(start).as("docs/api.md has a section '%s'", SECTION).isNotNegative();
        List<String> tableLines = lines.subList(start + 1, lines.size()).stream()
                .takeWhile(line -> !line.startsWith("## "))
                .filter(line -> line.startsWith("|"))
                .filter(line -> !line.startsWith("| status |") && !line.startsWith("|---"))
                .toList();
        // A row this test cannot read would otherwise be a code nobody checks.
        assertThat(tableLines)
                .as("rows of the error code table in docs/api.md, each | status | `CODE` | meaning |")
                .isNotEmpty()
                .allMatch(line -> ROW.matcher(line).matches());
        return tableLines.stream().map(ROW::matcher).filter(Matcher::matches).toList();
    }
}
