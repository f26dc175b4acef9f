package org.icewarp.protocols.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Captures every log event of the library at every level while open: the activity logs ({@code icewarp.log.*}, among
 * them {@code icewarp.log.auth} and {@code icewarp.log.smtp}) and the class loggers ({@code org.icewarp.*}). The two
 * logger trees are switched to TRACE and detached from the console for the duration; {@link #close()} restores them.
 */
final class SmtpSaslLogs implements AutoCloseable {
    private static final String[] TREES = {"icewarp", "org.icewarp"};

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final List<Logger> loggers = new ArrayList<>();
    private final List<Level> levels = new ArrayList<>();
    private final List<Boolean> additive = new ArrayList<>();

    SmtpSaslLogs() {
        appender.start();
        for (String name : TREES) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            loggers.add(logger);
            levels.add(logger.getLevel());
            additive.add(logger.isAdditive());
            logger.setLevel(Level.TRACE);
            logger.setAdditive(false);
            logger.addAppender(appender);
        }
    }

    /** The formatted messages of {@code icewarp.log.auth}, in order. */
    List<String> auth() {
        return messages("icewarp.log.auth");
    }

    /** The formatted messages of {@code icewarp.log.smtp}, in order. */
    List<String> smtp() {
        return messages("icewarp.log.smtp");
    }

    /** Every captured line: message, arguments' rendering and any throwable's messages, whatever the logger. */
    List<String> everything() {
        List<String> all = new ArrayList<>();
        for (ILoggingEvent e : events()) {
            all.add(e.getLoggerName() + " " + e.getLevel() + " " + e.getFormattedMessage());
            for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                all.add(e.getLoggerName() + " " + t.getClassName() + ": " + t.getMessage());
            }
        }
        return all;
    }

    private List<String> messages(String logger) {
        return events().stream()
                .filter(e -> e.getLoggerName().equals(logger))
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    private List<ILoggingEvent> events() {
        // AppenderBase.doAppend holds the appender's lock while adding
        synchronized (appender) {
            return List.copyOf(appender.list);
        }
    }

    /**
     * Asserts that no captured line contains any of the secrets, nor their base64 or base64 of them in any of the
     * three alignments (so a secret inside a longer SASL message is found too).
     */
    void assertNoneContains(Collection<String> secrets) {
        List<String> all = everything();
        assertThat(all).as("captured log lines").isNotEmpty();
        for (String secret : secrets) {
            for (String needle : forms(secret)) {
                assertThat(all)
                        .as("log lines containing '%s' (from '%s')", needle, secret)
                        .noneMatch(l -> l.contains(needle));
            }
        }
    }

    /** The secret itself and a fragment of its base64 that any base64 text containing it must contain. */
    private static List<String> forms(String secret) {
        List<String> forms = new ArrayList<>();
        forms.add(secret);
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        for (int shift = 0; shift < 3; shift++) {
            byte[] padded = new byte[shift + bytes.length];
            System.arraycopy(bytes, 0, padded, shift, bytes.length);
            String b64 = Base64.getEncoder().withoutPadding().encodeToString(padded);
            // drop the characters that depend on the neighbouring bytes at both ends
            int from = shift == 0 ? 0 : (shift * 8 + 5) / 6;
            int to = b64.length() - 2;
            if (to - from >= 6) {
                forms.add(b64.substring(from, to));
            }
        }
        return forms;
    }

    @Override
    public void close() {
        for (int i = 0; i < loggers.size(); i++) {
            Logger logger = loggers.get(i);
            logger.detachAppender(appender);
            logger.setLevel(levels.get(i));
            logger.setAdditive(additive.get(i));
        }
        appender.stop();
    }
}
