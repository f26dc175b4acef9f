package org.icewarp.benchmarks.smtp;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The load harness's command-line options ({@code --name value}); see {@link SmtpLoad} for the table.
 *
 * @param messages how many messages to send in all
 * @param size the size of each message in bytes, headers included, before dot-stuffing
 * @param sessions concurrent SMTP sessions
 * @param reuse many messages per connection ({@code true}) or one connection per message
 * @param provider the storage provider of the in-process server ({@code fs} or {@code memory})
 * @param path where the in-process server keeps its storage; empty: a new temporary directory, deleted afterwards
 * @param target an external server as {@code host:port}; empty: start one in this process
 * @param recipients how many recipient accounts the messages are spread over (round robin)
 * @param domain the recipients' domain
 * @param clientThreads the client's event loop threads
 * @param warmup messages sent (and not measured) before the run, to let the JIT settle
 * @param serverBlockingThreads the in-process server's blocking executor threads; 0 for the server's default
 * @param serve only start the in-process server and keep it up until standard input ends (for other clients)
 */
record LoadOptions(
        int messages,
        int size,
        int sessions,
        boolean reuse,
        String provider,
        Optional<Path> path,
        Optional<String> target,
        int recipients,
        String domain,
        int clientThreads,
        int warmup,
        int serverBlockingThreads,
        boolean serve) {

    static final String USAGE = """
            usage: java -cp benchmarks.jar org.icewarp.benchmarks.smtp.SmtpLoad [options]
              --messages N        messages to send (default 10000)
              --size BYTES        message size, e.g. 2048, 2k, 50k (default 2k)
              --sessions C        concurrent sessions (default 20)
              --reuse true|false  many messages per connection, or connect/EHLO/.../QUIT per message (default true)
              --provider fs|memory  storage of the in-process server (default fs)
              --path DIR          storage directory of the in-process server (default: a temporary one, deleted)
              --target HOST:PORT  drive an external server instead (its recipients must exist; no store polling)
              --recipients R      recipient accounts load0..load{R-1}@DOMAIN, round robin (default 1)
              --domain D          recipient domain (default example.com)
              --client-threads T  client event loop threads (default 1)
              --warmup W          unmeasured messages sent first (default 1000; 0 for none)
              --server-blocking-threads B  the in-process server's blocking executor (storage) threads
                                  (default 0: the server's default, twice the cores and at least 4)
              --serve true        only start the in-process server, print its address, and keep it up until
                                  standard input ends; then print how many messages were stored (for driving it
                                  with another client, e.g. Postfix's smtp-source)
            """;

    /** Parses {@code --name value} pairs. */
    static LoadOptions parse(String[] args) {
        int messages = 10_000;
        int size = 2048;
        int sessions = 20;
        boolean reuse = true;
        String provider = "fs";
        Path path = null;
        String target = null;
        int recipients = 1;
        String domain = "example.com";
        int clientThreads = 1;
        int warmup = 1000;
        int serverBlockingThreads = 0;
        boolean serve = false;
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty()) {
            String name = rest.remove(0);
            if (name.equals("--help") || name.equals("-h")) {
                throw new IllegalArgumentException("");
            }
            if (rest.isEmpty()) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            String value = rest.remove(0);
            switch (name) {
                case "--messages" -> messages = positive(name, value);
                case "--size" -> size = positive(name, bytes(name, value));
                case "--sessions" -> sessions = positive(name, value);
                case "--reuse" -> reuse = bool(name, value);
                case "--provider" -> {
                    if (!value.equals("fs") && !value.equals("memory")) {
                        throw new IllegalArgumentException("--provider must be fs or memory, was " + value);
                    }
                    provider = value;
                }
                case "--path" -> path = Path.of(value);
                case "--target" -> {
                    if (!value.matches("[^:]+:\\d{1,5}")) {
                        throw new IllegalArgumentException("--target must be host:port, was " + value);
                    }
                    target = value;
                }
                case "--recipients" -> recipients = positive(name, value);
                case "--domain" -> domain = value;
                case "--client-threads" -> clientThreads = positive(name, value);
                case "--warmup" -> {
                    warmup = Integer.parseInt(value);
                    if (warmup < 0) {
                        throw new IllegalArgumentException("--warmup must not be negative, was " + value);
                    }
                }
                case "--server-blocking-threads" -> serverBlockingThreads = positive(name, value);
                case "--serve" -> serve = bool(name, value);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        if (serve && target != null) {
            throw new IllegalArgumentException("--serve and --target exclude each other");
        }
        if (size < 256) {
            throw new IllegalArgumentException("--size must be at least 256 bytes, was " + size);
        }
        return new LoadOptions(
                messages,
                size,
                sessions,
                reuse,
                provider,
                Optional.ofNullable(path),
                Optional.ofNullable(target),
                recipients,
                domain,
                clientThreads,
                warmup,
                serverBlockingThreads,
                serve);
    }

    private static String bytes(String name, String value) {
        String v = value.toLowerCase(java.util.Locale.ROOT);
        try {
            if (v.endsWith("k")) {
                return Integer.toString(Integer.parseInt(v.substring(0, v.length() - 1)) * 1024);
            }
            if (v.endsWith("m")) {
                return Integer.toString(Integer.parseInt(v.substring(0, v.length() - 1)) * 1024 * 1024);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a size such as 2048, 2k or 1m, was " + value);
        }
        return v;
    }

    private static int positive(String name, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException(name + " must be a positive number, was " + value);
    }

    private static boolean bool(String name, String value) {
        return switch (value) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, was " + value);
        };
    }
}
