package org.hfmailbox.review.diff;

import java.util.ArrayList;
import java.util.List;
import org.hfmailbox.review.spec.SpecOutline;

/**
 * What changed in the declarations between two revisions of a module: variables, constants and actions added or
 * removed, and definitions (actions and others) whose text changed.
 */
public record OutlineDiff(List<String> variablesAdded, List<String> variablesRemoved, List<String> constantsAdded,
        List<String> constantsRemoved, List<String> actionsAdded, List<String> actionsRemoved,
        List<String> actionsChanged, List<String> otherDefinitionsChanged, List<String> otherDefinitionsAdded,
        List<String> otherDefinitionsRemoved) {

    public static OutlineDiff of(SpecOutline old, SpecOutline now) {
        List<String> otherChanged = new ArrayList<>();
        List<String> actionsChanged = new ArrayList<>();
        for (SpecOutline.Definition d : now.definitions().values()) {
            SpecOutline.Definition before = old.definitions().get(d.name());
            if (before != null && !before.text().equals(d.text())) {
                (d.isAction() || before.isAction() ? actionsChanged : otherChanged).add(d.name());
            }
        }
        List<String> oldOther = old.definitions().values().stream().filter(d -> !d.isAction())
                .map(SpecOutline.Definition::name).toList();
        List<String> newOther = now.definitions().values().stream().filter(d -> !d.isAction())
                .map(SpecOutline.Definition::name).toList();
        return new OutlineDiff(minus(now.variables(), old.variables()), minus(old.variables(), now.variables()),
                minus(now.constants(), old.constants()), minus(old.constants(), now.constants()),
                minus(now.actions(), old.actions()), minus(old.actions(), now.actions()), actionsChanged, otherChanged,
                minus(newOther, oldOther), minus(oldOther, newOther));
    }

    private static List<String> minus(List<String> a, List<String> b) {
        return a.stream().filter(x -> !b.contains(x)).toList();
    }

    public boolean isEmpty() {
        return variablesAdded.isEmpty() && variablesRemoved.isEmpty() && constantsAdded.isEmpty()
                && constantsRemoved.isEmpty() && actionsAdded.isEmpty() && actionsRemoved.isEmpty()
                && actionsChanged.isEmpty() && otherDefinitionsChanged.isEmpty() && otherDefinitionsAdded.isEmpty()
                && otherDefinitionsRemoved.isEmpty();
    }

    /** One line per kind of change, {@code (none)} lists omitted; one line "no declaration changed" if empty. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        add(out, "variables added", variablesAdded);
        add(out, "variables removed", variablesRemoved);
        add(out, "constants added", constantsAdded);
        add(out, "constants removed", constantsRemoved);
        add(out, "actions added", actionsAdded);
        add(out, "actions removed", actionsRemoved);
        add(out, "actions whose definition changed", actionsChanged);
        add(out, "other definitions added", otherDefinitionsAdded);
        add(out, "other definitions removed", otherDefinitionsRemoved);
        add(out, "other definitions changed", otherDefinitionsChanged);
        if (out.isEmpty()) {
            out.add("no variable, constant or definition was added, removed or changed");
        }
        return out;
    }

    private static void add(List<String> out, String what, List<String> names) {
        if (!names.isEmpty()) {
            out.add(what + ": " + String.join(", ", names));
        }
    }
}
