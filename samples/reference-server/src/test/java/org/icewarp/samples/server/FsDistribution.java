package org.icewarp.samples.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.FolderName;
import org.icewarp.storage.MailboxStore;
import org.icewarp.storage.MessageMetadata;
import org.icewarp.storage.Options;
import org.icewarp.storage.StorageSettings;
import org.icewarp.storage.UidSet;

/**
 * The packaged distribution with its shipped configuration (fs storage under the data directory), as a user tries it:
 * {@code tool create domain} and {@code tool create account} first, then {@code start} on loopback with free ports.
 * Afterwards the test opens the fs mailbox store in {@code <data>/mail} itself.
 */
final class FsDistribution {
    static final Path DIST = Path.of(System.getProperty("icewarp.distribution", "target/icewarp-server"));
    static final Path LAUNCHER = DIST.resolve("bin/icewarp");
    static final String PASSWORD = "correct horse battery staple";
    private static final Pattern SMTP_LISTENING = Pattern.compile("smtp listening on 127\\.0\\.0\\.1:(\\d+)");

    private final Path config;
    private final Path data;

    private FsDistribution(Path config, Path data) {
        this.config = config;
        this.data = data;
    }

    /** Copies the shipped configuration into {@code temp} and creates the domain and accounts with the tools. */
    static FsDistribution prepare(Path temp, String domain, String... accounts) throws Exception {
        Path config = temp.resolve("icewarp.yaml");
        Files.copy(DIST.resolve("conf/icewarp.yaml"), config);
        FsDistribution d = new FsDistribution(config, temp.resolve("data"));
        d.tool("", "create", "domain", domain);
        for (String account : accounts) {
            d.tool(PASSWORD + "\n", "create", "account", account, "--password-stdin");
        }
        return d;
    }

    private void tool(String input, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("tool"));
        all.addAll(Arrays.asList(args));
        all.addAll(List.of("--config", config.toString(), "--data", data.toString()));
        try (LauncherProcess tool = LauncherProcess.start(LAUNCHER, Map.of(), all.toArray(String[]::new))) {
            tool.input(input);
            assertThat(tool.awaitExit()).as(all + ": " + tool.stderr()).isZero();
        }
    }

    /** Starts the server on 127.0.0.1 with free ports and waits until it is ready. */
    LauncherProcess start() throws IOException {
        Map<String, String> env = Map.of(
                "ICEWARP_SYSTEM_SERVICES_ALL_IP", "127.0.0.1",
                "ICEWARP_SYSTEM_SERVICES_DAYTIME_PORTS", "0",
                "ICEWARP_SYSTEM_SERVICES_SMTP_PORTS", "0");
        LauncherProcess server =
                LauncherProcess.start(LAUNCHER, env, "start", "--config", config.toString(), "--data", data.toString());
        server.awaitOutputLine(l -> l.contains("ready"));
        return server;
    }

    /** The SMTP port the server printed. */
    static int smtpPort(LauncherProcess server) {
        Matcher m = SMTP_LISTENING.matcher(server.stdout());
        assertThat(m.find()).as(server.stdout()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    /** The mail path the shipped configuration gives: {@code <data>/mail}. */
    Path mailPath() {
        return data.resolve("mail");
    }

    Path data() {
        return data;
    }

    /** Opens the fs mailbox store on the mail path, as another process would. */
    MailboxStore openMailboxes() {
        return RoundTripMailbox.provider("fs")
                .openMailboxes(
                        StorageSettings.of(Options.of(Map.of("path", mailPath().toString()))));
    }

    /** Every message in the account's INBOX, in UID order. */
    static List<byte[]> inbox(MailboxStore store, EmailAddress account) throws IOException {
        List<byte[]> messages = new ArrayList<>();
        for (MessageMetadata m : store.messages(account, FolderName.INBOX, UidSet.ALL)) {
            try (InputStream in = store.open(account, FolderName.INBOX, m.uid())) {
                byte[] bytes = in.readAllBytes();
                assertThat(bytes.length).as("UID %d: size as recorded", m.uid()).isEqualTo(m.size());
                messages.add(bytes);
            }
        }
        return messages;
    }

    /**
     * A stored message split into the trace lines the server put in front ({@code Return-Path:}, then {@code
     * Received:} with its folded continuation lines) and the message as the client sent it.
     */
    record Stored(String returnPath, String received, byte[] message) {
        static Stored parse(byte[] stored) {
            String text = new String(stored, StandardCharsets.ISO_8859_1);
            assertThat(text).startsWith("Return-Path: <");
            int afterReturnPath = text.indexOf("\r\n") + 2;
            assertThat(text.substring(afterReturnPath)).startsWith("Received: from ");
            int end = text.indexOf("\r\n", afterReturnPath);
            while (end + 2 < text.length() && (text.charAt(end + 2) == ' ' || text.charAt(end + 2) == '\t')) {
                end = text.indexOf("\r\n", end + 2);
            }
            int body = end + 2;
            return new Stored(
                    text.substring(0, afterReturnPath - 2),
                    text.substring(afterReturnPath, end),
                    Arrays.copyOfRange(stored, body, stored.length));
        }
    }
}
