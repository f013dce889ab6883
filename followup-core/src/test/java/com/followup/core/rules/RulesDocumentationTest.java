package com.followup.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.followup.core.ruleset.RuleId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RulesDocumentationTest {
    /** Surefire runs in the module's directory; the guide is at the repository's root. */
    private static final Path GUIDE = Path.of("..", "docs", "rules.md");

    @Test
    @DisplayName("R1-R20: the rules guide explains every rule and every step state")
    void guideCoversEveryRuleAndState() throws IOException {
        String guide = Files.readString(GUIDE);

        for (RuleId rule : RuleId.values()) {
            assertThat(guide).as(rule.label()).contains("**" + rule.name() + " ");
        }
        for (StepState state : StepState.values()) {
            assertThat(guide).as(state.name()).contains("`" + state.name() + "`");
        }
    }
}
