package tlc2.overrides;

import org.hfmailbox.refinement.perprocess.TraceModuleOperators;

/**
 * TLC looks up operator overrides under exactly this class name (tlc2.tool.impl.SpecProcessor), so this one class
 * lives outside org.hfmailbox. It only names the class holding the overrides of spec/TraceMailbox.tla.
 */
public final class TLCOverrides implements ITLCOverrides {
    @Override
    @SuppressWarnings("rawtypes")
    public Class[] get() {
        return new Class[] {TraceModuleOperators.class};
    }
}
