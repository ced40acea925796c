package org.hfmailbox.refinement.validate;

import org.hfmailbox.refinement.trace.TraceEvent;
import tlc2.tool.TLCState;
import tlc2.value.impl.Value;

import java.util.List;

/** Names the state-transition-table rows (R1..X5, PSCI) an accepted step exercised, from its pre-state. */
public interface RowClassifier {
    /** A label for the coverage file: where the row decision comes from. */
    String source();

    List<String> rows(TLCState pre, TraceEvent event, List<Value> params);
}
