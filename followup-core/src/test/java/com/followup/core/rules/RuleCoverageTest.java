package com.followup.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import com.followup.core.ruleset.RuleId;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** Every rule of follow-up-rules.md is named by at least one test of the core (in its display name). */
class RuleCoverageTest {
    private static final Pattern RULE = Pattern.compile("\\bR([1-9]|1[0-9]|20)\\b");

    @Test
    void everyRuleIdIsNamedByATest() {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectPackage("com.followup.core"))
                .build();
        TestPlan plan = LauncherFactory.create().discover(request);
        Set<RuleId> named = EnumSet.noneOf(RuleId.class);
        for (TestIdentifier root : plan.getRoots()) {
            for (TestIdentifier test : plan.getDescendants(root)) {
                if (test.isTest()) {
                    Matcher matcher = RULE.matcher(test.getDisplayName());
                    while (matcher.find()) {
                        named.add(RuleId.valueOf("R" + matcher.group(1)));
                    }
                }
            }
        }
        assertThat(EnumSet.complementOf(EnumSet.copyOf(named)))
                .as("rules no test names")
                .isEmpty();
    }
}
