package org.icewarp.core.access;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds a cycle among pattern references by depth-first search, visiting patterns in name order so the reported path
 * is the same on every run. Recursion depth is bounded by the length of the longest reference chain.
 */
final class CycleCheck {

    private final Map<String, Patterns.Definition> definitions;
    private final Map<String, List<Patterns.Reference>> references;
    private final Set<String> finished = new HashSet<>();
    private final List<String> path = new ArrayList<>();

    CycleCheck(Map<String, Patterns.Definition> definitions, Map<String, List<Patterns.Reference>> references) {
        this.definitions = definitions;
        this.references = references;
    }

    /** @throws InvalidAccessEntryException naming the reference that closes the first cycle found */
    void run() {
        for (String key : definitions.keySet()) {
            visit(key);
        }
    }

    private void visit(String key) {
        if (finished.contains(key)) {
            return;
        }
        path.add(key);
        for (Patterns.Reference reference : references.get(key)) {
            int start = path.indexOf(reference.targetKey());
            if (start >= 0) {
                throw cycle(key, reference, path.subList(start, path.size()));
            }
            visit(reference.targetKey());
        }
        path.remove(path.size() - 1);
        finished.add(key);
    }

    private InvalidAccessEntryException cycle(String from, Patterns.Reference closing, List<String> loop) {
        String shown = loop.stream().map(this::display).collect(Collectors.joining(" -> "))
                + " -> "
                + display(closing.targetKey());
        return new InvalidAccessEntryException(
                closing.text(),
                "Invalid pattern reference '" + closing.text() + "' in pattern " + display(from)
                        + ": patterns refer to each other in a cycle " + shown);
    }

    private String display(String key) {
        return "[" + definitions.get(key).name() + "]";
    }
}
