package com.followup.api.system;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.Optional;

/**
 * Whether the class data sharing archive the start command names is in use (decision 0050). The JVM starts without an
 * archive it cannot map (missing, or made for another jar, another path or another JDK) and says nothing; the server
 * says it once, as it starts, so that an operator who finds the start slower knows why.
 */
public final class ClassDataSharing {
    private ClassDataSharing() {}

    /** The warning for this JVM, if it was given an archive it does not use. */
    public static Optional<String> warning() {
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return warning(
                    vm.getVMOption("SharedArchiveFile").getValue(),
                    Boolean.parseBoolean(vm.getVMOption("UseSharedSpaces").getValue()));
        } catch (RuntimeException notHotSpot) {
            // Another JVM, without these options: nothing to say.
            return Optional.empty();
        }
    }

    /** The warning for an archive named ({@code archive}, empty: none) and whether the JVM shares classes. */
    static Optional<String> warning(String archive, boolean inUse) {
        if (archive == null || archive.isEmpty() || inUse) {
            return Optional.empty();
        }
        return Optional.of("The class data sharing archive " + archive + " could not be used (missing, or made for"
                + " another jar, another path or another JDK), so this start took about a second longer. The build makes it"
                + " again beside the jar; docs/operations.md says how to make one where the jar is installed.");
    }
}
