package com.followup.api.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClassDataSharingTest {
    @Test
    void anArchiveTheJvmCouldNotUseIsWarnedAboutAndNoneOrOneInUseIsNot() {
        assertThat(ClassDataSharing.warning("followup-web/target/followup.jsa", false))
                .hasValueSatisfying(warning -> assertThat(warning)
                        .contains("followup-web/target/followup.jsa")
                        .contains("docs/operations.md"));
        assertThat(ClassDataSharing.warning("followup-web/target/followup.jsa", true))
                .isEmpty();
        assertThat(ClassDataSharing.warning("", true)).isEmpty();
        assertThat(ClassDataSharing.warning("", false)).isEmpty();
    }
}
