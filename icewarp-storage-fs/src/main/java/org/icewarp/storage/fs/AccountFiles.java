package org.icewarp.storage.fs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.icewarp.storage.Account;
import org.icewarp.storage.AccountState;
import org.icewarp.storage.Credential;
import org.icewarp.storage.DirectoryIdentity;
import org.icewarp.storage.Domain;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.Group;
import org.icewarp.storage.Options;

/** Domains, accounts and groups to and from {@link KeyValueFile}s (the keys are listed in the README). */
final class AccountFiles {
    static final String DOMAIN_FILE = "_domain";
    static final String ACCOUNT_SUFFIX = ".account";
    static final String GROUP_SUFFIX = ".group";

    private AccountFiles() {}

    static byte[] domain(Domain d) {
        KeyValueFile f = new KeyValueFile().add("name", d.name());
        d.aliases().forEach(a -> f.add("alias", a));
        d.options().values().forEach((k, v) -> f.add("option." + k, v));
        return f.toBytes("icewarp domain");
    }

    static Domain domain(byte[] content) {
        KeyValueFile f = KeyValueFile.parse(content);
        Map<String, String> options = new TreeMap<>();
        for (Map.Entry<String, String> e : f.withPrefix("option.")) {
            options.put(e.getKey(), e.getValue());
        }
        return new Domain(f.require("name"), Set.copyOf(f.all("alias")), Options.of(options));
    }

    static byte[] account(Account a) {
        KeyValueFile f = new KeyValueFile().add("address", a.address());
        a.aliases().forEach(x -> f.add("alias", x));
        for (Credential c : a.credentials()) {
            f.add("credential-scheme", c.scheme()).add("credential-value", c.value());
        }
        f.add("quota", a.quotaBytes()).add("state", a.state().name().toLowerCase(java.util.Locale.ROOT));
        f.add("full-name", a.fullName());
        directory(f, a.directory());
        return f.toBytes("icewarp account");
    }

    static Account account(byte[] content) {
        KeyValueFile f = KeyValueFile.parse(content);
        List<String> schemes = f.all("credential-scheme");
        List<String> values = f.all("credential-value");
        if (schemes.size() != values.size()) {
            throw new IllegalArgumentException("credential-scheme and credential-value lines do not pair up");
        }
        List<Credential> creds = new ArrayList<>();
        for (int i = 0; i < schemes.size(); i++) {
            creds.add(new Credential(schemes.get(i), values.get(i)));
        }
        return new Account(
                EmailAddress.parse(f.require("address")),
                addresses(f.all("alias")),
                creds,
                Long.parseLong(f.get("quota", "0")),
                AccountState.valueOf(f.get("state", "enabled").toUpperCase(java.util.Locale.ROOT)),
                f.get("full-name", ""),
                directory(f));
    }

    static byte[] group(Group g) {
        KeyValueFile f = new KeyValueFile().add("address", g.address());
        g.members().forEach(m -> f.add("member", m));
        if (g.parent() != null) {
            f.add("parent", g.parent());
        }
        directory(f, g.directory());
        return f.toBytes("icewarp group");
    }

    static Group group(byte[] content) {
        KeyValueFile f = KeyValueFile.parse(content);
        String parent = f.get("parent", null);
        return new Group(
                EmailAddress.parse(f.require("address")),
                addresses(f.all("member")),
                parent == null ? null : EmailAddress.parse(parent),
                directory(f));
    }

    private static Set<EmailAddress> addresses(List<String> values) {
        Set<EmailAddress> out = new LinkedHashSet<>();
        values.forEach(v -> out.add(EmailAddress.parse(v)));
        return out;
    }

    private static void directory(KeyValueFile f, DirectoryIdentity d) {
        if (d.equals(DirectoryIdentity.NONE)) {
            return;
        }
        f.add("directory-source", d.sourceId())
                .add("directory-uuid", d.entryUuid())
                .add("directory-modified", d.modifyTimestamp())
                .add("directory-owned", d.owned());
    }

    private static DirectoryIdentity directory(KeyValueFile f) {
        String source = f.get("directory-source", null);
        if (source == null) {
            return DirectoryIdentity.NONE;
        }
        return new DirectoryIdentity(
                source,
                f.get("directory-uuid", ""),
                Instant.parse(f.get("directory-modified", Instant.EPOCH.toString())),
                Boolean.parseBoolean(f.get("directory-owned", "false")));
    }
}
