package org.icewarp.storage.migration;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.icewarp.storage.Account;
import org.icewarp.storage.DirectoryIdentity;
import org.icewarp.storage.Domain;
import org.icewarp.storage.Group;
import org.icewarp.storage.Options;

/**
 * Applies {@link TextRules} to the free-text fields of directory records: a domain's option keys and values, an
 * account's full name, and the source id and entry UUID of a directory identity. Names and addresses are keys that
 * the SPI's own types already validate, and credentials are opaque, so neither is touched.
 *
 * <p>Every field with invalid characters is reported; when repair is off, the record is returned unchanged.
 */
final class Repairer {
    private final boolean apply;
    private final Consumer<TextRepair> report;

    Repairer(boolean apply, Consumer<TextRepair> report) {
        this.apply = apply;
        this.report = report;
    }

    /** The same rule, applied the same way, without reporting (for the second look at a record and for verifying). */
    Repairer quiet() {
        return new Repairer(apply, r -> {});
    }

    Domain domain(Domain d) {
        String object = "domain " + d.name();
        Map<String, String> options = new TreeMap<>();
        boolean changed = false;
        for (Map.Entry<String, String> e : d.options().values().entrySet()) {
            String key = text(object, "option key", e.getKey());
            String value = text(object, "option " + key, e.getValue());
            changed |= !key.equals(e.getKey()) || !value.equals(e.getValue());
            if (options.put(key, value) != null) {
                throw MigrationException.of(
                        object + ": repairing option keys",
                        new IllegalStateException("two option keys become '" + key + "'"));
            }
        }
        return changed ? new Domain(d.name(), d.aliases(), Options.of(options)) : d;
    }

    Account account(Account a) {
        String object = "account " + a.address();
        String fullName = text(object, "fullName", a.fullName());
        DirectoryIdentity directory = directory(object, a.directory());
        if (fullName.equals(a.fullName()) && directory.equals(a.directory())) {
            return a;
        }
        return new Account(a.address(), a.aliases(), a.credentials(), a.quotaBytes(), a.state(), fullName, directory);
    }

    Group group(Group g) {
        DirectoryIdentity directory = directory("group " + g.address(), g.directory());
        return directory.equals(g.directory()) ? g : new Group(g.address(), g.members(), g.parent(), directory);
    }

    private DirectoryIdentity directory(String object, DirectoryIdentity d) {
        String source = text(object, "directory.sourceId", d.sourceId());
        String entry = text(object, "directory.entryUuid", d.entryUuid());
        if (source.equals(d.sourceId()) && entry.equals(d.entryUuid())) {
            return d;
        }
        return new DirectoryIdentity(source, entry, d.modifyTimestamp(), d.owned());
    }

    private String text(String object, String field, String value) {
        String repaired = TextRules.repair(value);
        if (repaired.equals(value)) {
            return value;
        }
        report.accept(new TextRepair(object, field, value, repaired, apply));
        return apply ? repaired : value;
    }
}
