package org.icewarp.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

/**
 * Reading and writing domain, account, group and address rows. Keys ({@code addr_key}) are addresses with the local
 * part folded per the local-part policy and domain aliases resolved; {@code iw_addresses} holds every address an
 * account or group answers to, so its primary key makes "an address reaches one thing only" hold even between
 * servers.
 */
final class AccountRows {
    private static final String ACCOUNT_COLUMNS = "addr_key, address, full_name, quota_bytes, disabled, credentials,"
            + " dir_source, dir_uuid, dir_modified, dir_owned";
    private static final String GROUP_COLUMNS =
            "addr_key, address, parent_address, members, dir_source, dir_uuid, dir_modified, dir_owned";

    private AccountRows() {}

    // ---- domains

    /** The domain a name or alias belongs to, or {@code null}. */
    static String domainOf(Connection c, String name) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT domain_name FROM iw_domain_names WHERE name = ?")) {
            p.setString(1, name);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    static Optional<Domain> domain(Connection c, String name) throws SQLException {
        String options;
        try (PreparedStatement p = c.prepareStatement("SELECT options FROM iw_domains WHERE name = ?")) {
            p.setString(1, name);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                options = r.getString(1);
            }
        }
        Set<String> aliases = new LinkedHashSet<>();
        try (PreparedStatement p =
                c.prepareStatement("SELECT name FROM iw_domain_names WHERE domain_name = ? AND name <> ?")) {
            p.setString(1, name);
            p.setString(2, name);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    aliases.add(r.getString(1));
                }
            }
        }
        List<String> kv = Texts.decode(options);
        Map<String, String> map = new TreeMap<>();
        for (int i = 0; i + 1 < kv.size(); i += 2) {
            map.put(kv.get(i), kv.get(i + 1));
        }
        return Optional.of(new Domain(name, aliases, Options.of(map)));
    }

    static String encodeOptions(Options options) {
        List<String> kv = new ArrayList<>();
        options.values().forEach((k, v) -> {
            kv.add(k);
            kv.add(v);
        });
        return Texts.encode(kv);
    }

    static void insertDomainName(Connection c, String name, String domain) throws SQLException {
        try (PreparedStatement p =
                c.prepareStatement("INSERT INTO iw_domain_names (name, domain_name) VALUES (?, ?)")) {
            p.setString(1, name);
            p.setString(2, domain);
            p.executeUpdate();
        }
    }

    static boolean anyAddressIn(Connection c, String domain) throws SQLException {
        return exists(c, "SELECT 1 FROM iw_addresses WHERE domain_name = ?", domain);
    }

    /** Whether {@code sql} (one parameter) finds a row; the engine stops at the first. */
    static boolean exists(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql + " LIMIT 1")) {
            p.setString(1, arg);
            try (ResultSet r = p.executeQuery()) {
                return r.next();
            }
        }
    }

    static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                p.setObject(i + 1, args[i]);
            }
            return p.executeUpdate();
        }
    }

    // ---- addresses

    /** The owner key and kind ({@code A} or {@code G}) an address key reaches, or {@code null}. */
    static String[] owner(Connection c, String key) throws SQLException {
        try (PreparedStatement p =
                c.prepareStatement("SELECT owner_key, owner_kind FROM iw_addresses WHERE addr_key = ?")) {
            p.setString(1, key);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? new String[] {r.getString(1), r.getString(2)} : null;
            }
        }
    }

    /** Inserts the addresses (key to spelling) an owner answers to; the first is its primary address. */
    static void insertAddresses(Connection c, String owner, char kind, Map<String, EmailAddress> addresses, int from)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO iw_addresses"
                + " (addr_key, domain_name, owner_key, owner_kind, address, pos) VALUES (?, ?, ?, ?, ?, ?)")) {
            int pos = from;
            for (Map.Entry<String, EmailAddress> e : addresses.entrySet()) {
                p.setString(1, e.getKey());
                p.setString(2, e.getValue().domain());
                p.setString(3, owner);
                p.setString(4, String.valueOf(kind));
                p.setString(5, e.getValue().toString());
                p.setInt(6, pos++);
                p.executeUpdate();
            }
        }
    }

    // ---- accounts

    static void writeAccount(Connection c, String key, Account a, boolean insert) throws SQLException {
        String sql = insert
                ? "INSERT INTO iw_accounts (full_name, quota_bytes, disabled, credentials, dir_source, dir_uuid,"
                        + " dir_modified, dir_owned, address, domain_name, addr_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                : "UPDATE iw_accounts SET full_name = ?, quota_bytes = ?, disabled = ?, credentials = ?,"
                        + " dir_source = ?, dir_uuid = ?, dir_modified = ?, dir_owned = ?, address = ?, domain_name = ?"
                        + " WHERE addr_key = ?";
        List<String> creds = new ArrayList<>();
        for (Credential cr : a.credentials()) {
            creds.add(cr.scheme());
            creds.add(cr.value());
        }
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, a.fullName());
            p.setLong(2, a.quotaBytes());
            p.setBoolean(3, a.state() == AccountState.DISABLED);
            p.setString(4, Texts.encode(creds));
            directory(p, 5, a.directory());
            p.setString(9, a.address().toString());
            p.setString(10, a.address().domain());
            p.setString(11, key);
            p.executeUpdate();
        }
    }

    private static void directory(PreparedStatement p, int at, DirectoryIdentity d) throws SQLException {
        p.setString(at, d.sourceId());
        p.setString(at + 1, d.entryUuid());
        p.setString(at + 2, d.modifyTimestamp().toString());
        p.setBoolean(at + 3, d.owned());
    }

    private static DirectoryIdentity directory(ResultSet r, int at) throws SQLException {
        return new DirectoryIdentity(
                r.getString(at), r.getString(at + 1), Instant.parse(r.getString(at + 2)), r.getBoolean(at + 3));
    }

    static Optional<Account> account(Connection c, String key) throws SQLException {
        List<Account> found = accounts(c, "SELECT " + ACCOUNT_COLUMNS + " FROM iw_accounts WHERE addr_key = ?", key);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    static List<Account> accounts(Connection c, String sql, Object... args) throws SQLException {
        List<String> keys = new ArrayList<>();
        List<Account> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                p.setObject(i + 1, args[i]);
            }
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    keys.add(r.getString(1));
                    List<String> creds = Texts.decode(r.getString(6));
                    List<Credential> credentials = new ArrayList<>();
                    for (int i = 0; i + 1 < creds.size(); i += 2) {
                        credentials.add(new Credential(creds.get(i), creds.get(i + 1)));
                    }
                    out.add(new Account(
                            EmailAddress.parse(r.getString(2)),
                            Set.of(),
                            credentials,
                            r.getLong(4),
                            r.getBoolean(5) ? AccountState.DISABLED : AccountState.ENABLED,
                            r.getString(3),
                            directory(r, 7)));
                }
            }
        }
        for (int i = 0; i < out.size(); i++) {
            out.set(i, out.get(i).withAliases(aliases(c, keys.get(i))));
        }
        return out;
    }

    /** The aliases of an owner (its addresses but the primary), in the order given. */
    static Set<EmailAddress> aliases(Connection c, String owner) throws SQLException {
        Set<EmailAddress> out = new LinkedHashSet<>();
        try (PreparedStatement p =
                c.prepareStatement("SELECT address FROM iw_addresses WHERE owner_key = ? AND pos > 0 ORDER BY pos")) {
            p.setString(1, owner);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(EmailAddress.parse(r.getString(1)));
                }
            }
        }
        return out;
    }

    // ---- groups

    static void writeGroup(Connection c, String key, String parentKey, Group g, boolean insert) throws SQLException {
        String sql = insert
                ? "INSERT INTO iw_groups (parent_key, parent_address, members, dir_source, dir_uuid, dir_modified,"
                        + " dir_owned, address, domain_name, addr_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                : "UPDATE iw_groups SET parent_key = ?, parent_address = ?, members = ?, dir_source = ?,"
                        + " dir_uuid = ?, dir_modified = ?, dir_owned = ?, address = ?, domain_name = ?"
                        + " WHERE addr_key = ?";
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, parentKey);
            p.setString(2, g.parent() == null ? null : g.parent().toString());
            p.setString(
                    3,
                    Texts.encode(
                            g.members().stream().map(EmailAddress::toString).toList()));
            directory(p, 4, g.directory());
            p.setString(8, g.address().toString());
            p.setString(9, g.address().domain());
            p.setString(10, key);
            p.executeUpdate();
        }
    }

    static Optional<Group> group(Connection c, String key) throws SQLException {
        List<Group> found = groups(c, "SELECT " + GROUP_COLUMNS + " FROM iw_groups WHERE addr_key = ?", key);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    static List<Group> groups(Connection c, String sql, Object... args) throws SQLException {
        List<Group> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                p.setObject(i + 1, args[i]);
            }
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    Set<EmailAddress> members = new LinkedHashSet<>();
                    Texts.decode(r.getString(4)).forEach(m -> members.add(EmailAddress.parse(m)));
                    String parent = r.getString(3);
                    out.add(new Group(
                            EmailAddress.parse(r.getString(2)),
                            members,
                            parent == null ? null : EmailAddress.parse(parent),
                            directory(r, 5)));
                }
            }
        }
        return out;
    }

    /** The parent key of a group, or {@code null}; {@code missing} when there is no such group. */
    static String parentKey(Connection c, String key, String missing) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT parent_key FROM iw_groups WHERE addr_key = ?")) {
            p.setString(1, key);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? r.getString(1) : missing;
            }
        }
    }
}
