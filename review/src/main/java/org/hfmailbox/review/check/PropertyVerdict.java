package org.hfmailbox.review.check;

import java.util.Optional;
import org.hfmailbox.review.manifest.Verdict;

/**
 * The verdict of one invariant or property: what the manifest expects and what TLC found (empty when the run that
 * checked it stopped before deciding it).
 */
public record PropertyVerdict(String name, boolean invariant, Verdict expected, Optional<Verdict> found) {
    public boolean matches() {
        return found.isPresent() && found.get() == expected;
    }

    public String foundText() {
        return found.map(Verdict::display).orElse("not decided");
    }
}
