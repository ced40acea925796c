package org.hfmailbox.refinement.model;

import java.util.regex.Pattern;

/**
 * The cfg lines that swap in MCMailbox.tla's speed overrides ({@code CpuNext <- SafetyCpuNext},
 * {@code Return <- SafetyReturn}, used by default, large and safety-3cpu). A state graph is dumped without them:
 * {@code SafetyCpuNext} gives every guest call one action label, and both leave out the steps that change nothing but
 * {@code step}, which are edges of the graph.
 */
public final class SpeedOverrides {
    private static final Pattern LINE = Pattern.compile("^\\s*\\w+\\s*<-\\s*(SafetyCpuNext|SafetyReturn)\\s*$");

    private SpeedOverrides() {
    }

    /** Whether this cfg line swaps in one of the speed overrides. */
    public static boolean isOverride(String line) {
        return LINE.matcher(line).matches();
    }
}
