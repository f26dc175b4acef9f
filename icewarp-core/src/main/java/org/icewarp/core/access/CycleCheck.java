package org.icewarp.core.access;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds a cycle among pattern references by depth-first search, visiting patterns in name order so the reported path
 * is the same on every run. The search keeps its own stack, so however deeply patterns nest, a configuration cannot
 * overflow the thread's stack.
 */
final class CycleCheck {

    private final Map<String, Patterns.Definition> definitions;
    private final Map<String, List<Patterns.Reference>> references;
    private final Set<String> finished = new HashSet<>();

    /** The patterns on the current path, outermost first, and where each is on it. */
    private final List<Frame> path = new ArrayList<>();

    private final Map<String, Integer> positionOnPath = new HashMap<>();

    CycleCheck(Map<String, Patterns.Definition> definitions, Map<String, List<Patterns.Reference>> references) {
        this.definitions = definitions;
        this.references = references;
    }

    /** @throws InvalidAccessEntryException naming the reference that closes the first cycle found */
    void run() {
        for (String key : definitions.keySet()) {
            if (!finished.contains(key)) {
                search(key);
            }
        }
    }

    private void search(String start) {
        enter(start);
        while (!path.isEmpty()) {
            Frame frame = path.get(path.size() - 1);
            if (frame.next < frame.references.size()) {
                Patterns.Reference reference = frame.references.get(frame.next++);
                Integer position = positionOnPath.get(reference.targetKey());
                if (position != null) {
                    throw cycle(frame.key, reference, position);
                }
                if (!finished.contains(reference.targetKey())) {
                    enter(reference.targetKey());
                }
            } else {
                path.remove(path.size() - 1);
                positionOnPath.remove(frame.key);
                finished.add(frame.key);
            }
        }
    }

    private void enter(String key) {
        positionOnPath.put(key, path.size());
        path.add(new Frame(key, references.get(key)));
    }

    private InvalidAccessEntryException cycle(String from, Patterns.Reference closing, int start) {
        List<String> names = new ArrayList<>();
        for (Frame frame : path.subList(start, path.size())) {
            names.add(definitions.get(frame.key).name());
        }
        names.add(definitions.get(closing.targetKey()).name());
        String shown = PatternPath.show(names);
        return new InvalidAccessEntryException(
                closing.text(),
                "Invalid pattern reference '" + closing.text() + "' in pattern " + display(from)
                        + ": patterns refer to each other in a cycle " + shown);
    }

    private String display(String key) {
        return "[" + definitions.get(key).name() + "]";
    }

    /** A pattern on the path and how many of its references have been followed. */
    private static final class Frame {
        final String key;
        final List<Patterns.Reference> references;
        int next;

        Frame(String key, List<Patterns.Reference> references) {
            this.key = key;
            this.references = references;
        }
    }
}
