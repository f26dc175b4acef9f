package org.icewarp.samples.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.util.FileSize;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceLogFileAppenderTest {
    /** 13 September 2006, 23:00 in Prague: one hour before the day changes. */
    private final MutableClock clock =
            new MutableClock(LocalDateTime.of(2006, 9, 13, 23, 0), ZoneId.of("Europe/Prague"));

    private final LoggerContext context = new LoggerContext();

    @TempDir
    Path temp;

    private Path logs;

    @AfterEach
    void stopLogging() {
        context.stop();
    }

    private ServiceLogFileAppender start(Consumer<ServiceLogFileAppender> settings) {
        logs = temp.resolve("logs");
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.start();
        ServiceLogFileAppender appender = new ServiceLogFileAppender();
        appender.setContext(context);
        appender.setName("FILES");
        appender.setEncoder(encoder);
        appender.setDirectory(logs.toString());
        appender.setClock(clock);
        settings.accept(appender);
        appender.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
        return appender;
    }

    private ServiceLogFileAppender start() {
        return start(a -> {});
    }

    private Logger activity(String service) {
        return context.getLogger("icewarp.log." + service);
    }

    private List<String> files() throws IOException {
        if (!Files.isDirectory(logs)) {
            return List.of();
        }
        try (Stream<Path> all = Files.list(logs)) {
            return all.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private List<String> lines(String file) throws IOException {
        return Files.readAllLines(logs.resolve(file), StandardCharsets.UTF_8);
    }

    private void createLog(String file, String content) throws IOException {
        Files.createDirectories(temp.resolve("logs"));
        Files.writeString(temp.resolve("logs").resolve(file), content, StandardCharsets.UTF_8);
    }

    // ---- names and letters

    @Test
    void activityLineGoesToTheServicesFileNamedLetterServerIdDateCounter() throws IOException {
        start(a -> a.setServerId("A7"));

        activity("smtp").info("250 OK");

        assertThat(files()).containsExactly("sA720060913-00.log");
        assertThat(lines("sA720060913-00.log")).containsExactly("250 OK");
    }

    @Test
    void withoutServerIdTheNameIsLetterDateCounter() throws IOException {
        start();

        activity("pop3").info("+OK");

        assertThat(files()).containsExactly("p20060913-00.log");
    }

    @Test
    void eachServiceIsWrittenUnderItsLetter() throws IOException {
        start();

        for (String service : List.of("smtp", "submission", "pop3", "imap", "daytime", "smtp-relay", "webdav")) {
            activity(service).info("line of {}", service);
        }

        assertThat(files())
                .containsExactly(
                        "d20060913-00.log",
                        "m20060913-00.log",
                        "o20060913-00.log",
                        "p20060913-00.log",
                        "s20060913-00.log");
        assertThat(lines("s20060913-00.log"))
                .containsExactly("line of smtp", "line of submission", "line of smtp-relay");
        assertThat(lines("o20060913-00.log")).containsExactly("line of webdav");
    }

    @Test
    void configuredLettersExtendTheTable() throws IOException {
        start(a -> {
            a.setLetters("webdav=w");
            a.setUnknownServiceLetter("u");
        });

        activity("webdav").info("PROPFIND");
        activity("gopher").info("hello");

        assertThat(files()).containsExactly("u20060913-00.log", "w20060913-00.log");
    }

    @Test
    void otherLinesFromTheThresholdUpGoToTheGeneralFileAndLowerOnesAreDropped() throws IOException {
        start();
        Logger server = context.getLogger("org.icewarp.server.IceWarpServer");

        server.info("server started");
        server.warn("disk almost full");
        server.error("cannot bind");

        assertThat(files()).containsExactly("e20060913-00.log");
        assertThat(lines("e20060913-00.log")).containsExactly("disk almost full", "cannot bind");
    }

    @Test
    void generalLetterAndThresholdAreSettable() throws IOException {
        start(a -> {
            a.setGeneralLetter("z");
            a.setGeneralThreshold("info");
        });

        context.getLogger("org.icewarp.server.IceWarpServer").info("server started");

        assertThat(files()).containsExactly("z20060913-00.log");
    }

    // ---- rotation by size

    @Test
    void rotatesBySizeWithAZeroPaddedCounter() throws IOException {
        start(a -> a.setMaxFileSize(new FileSize(100)));
        String line = "x".repeat(39); // 40 bytes with the newline: two fit in 100 bytes, a third does not

        for (int i = 0; i < 5; i++) {
            activity("smtp").info(line);
        }

        assertThat(files()).containsExactly("s20060913-00.log", "s20060913-01.log", "s20060913-02.log");
        assertThat(lines("s20060913-00.log")).hasSize(2);
        assertThat(lines("s20060913-01.log")).hasSize(2);
        assertThat(lines("s20060913-02.log")).hasSize(1);
        assertThat(Files.size(logs.resolve("s20060913-00.log"))).isEqualTo(80);
    }

    @Test
    void aLineLargerThanTheLimitGetsAFileOfItsOwn() throws IOException {
        start(a -> a.setMaxFileSize(new FileSize(10)));

        activity("smtp").info("short");
        activity("smtp").info("a line much longer than ten bytes");
        activity("smtp").info("short");

        assertThat(files()).containsExactly("s20060913-00.log", "s20060913-01.log", "s20060913-02.log");
        assertThat(lines("s20060913-01.log")).containsExactly("a line much longer than ten bytes");
    }

    @Test
    void eachLetterRotatesOnItsOwn() throws IOException {
        start(a -> a.setMaxFileSize(new FileSize(10)));

        activity("smtp").info("12345");
        activity("smtp").info("12345");
        activity("imap").info("12345");

        assertThat(files()).containsExactly("m20060913-00.log", "s20060913-00.log", "s20060913-01.log");
    }

    // ---- days

    @Test
    void aNewDayStartsANewFileWithTheCounterBackAtZero() throws IOException {
        ServiceLogFileAppender appender = start(a -> a.setMaxFileSize(new FileSize(10)));
        activity("smtp").info("before 1");
        activity("smtp").info("before 2");

        clock.advance(Duration.ofHours(1)); // midnight in Prague
        activity("smtp").info("after");

        assertThat(files()).containsExactly("s20060913-00.log", "s20060913-01.log", "s20060914-00.log");
        assertThat(lines("s20060914-00.log")).containsExactly("after");
        assertThat(appender.openFiles()).extracting(LogFileName::fileName).containsExactly("s20060914-00.log");
    }

    @Test
    void theDayIsTheClocksLocalDate() throws IOException {
        start();
        clock.advance(Duration.ofMinutes(59)); // 23:59 in Prague, 21:59 UTC

        activity("smtp").info("late");
        clock.advance(Duration.ofMinutes(1)); // 00:00 in Prague, still the 13th in UTC
        activity("smtp").info("early");

        assertThat(files()).containsExactly("s20060913-00.log", "s20060914-00.log");
    }

    @Test
    void aFileOfAnEarlierDayIsClosedWhenTheDayChangesEvenIfItsServiceIsQuiet() throws IOException {
        ServiceLogFileAppender appender = start();
        activity("smtp").info("smtp line");
        activity("imap").info("imap line");

        clock.advance(Duration.ofHours(1));
        activity("imap").info("next day");

        assertThat(appender.openFiles()).extracting(LogFileName::fileName).containsExactly("m20060914-00.log");
    }

    @Test
    void afterARestartTheDaysLastFileIsContinuedWhileItHasRoom() throws IOException {
        createLog("s20060913-00.log", "full\n".repeat(20));
        createLog("s20060913-01.log", "earlier\n");
        start(a -> a.setMaxFileSize(new FileSize(100)));

        activity("smtp").info("later");

        assertThat(files()).containsExactly("s20060913-00.log", "s20060913-01.log");
        assertThat(lines("s20060913-01.log")).containsExactly("earlier", "later");
    }

    @Test
    void afterARestartAFullLastFileIsFollowedByTheNextCounter() throws IOException {
        createLog("s20060913-00.log", "x".repeat(99) + "\n");
        createLog("s20060912-05.log", "yesterday\n");
        start(a -> a.setMaxFileSize(new FileSize(100)));

        activity("smtp").info("today");

        assertThat(files()).containsExactly("s20060912-05.log", "s20060913-00.log", "s20060913-01.log");
        assertThat(lines("s20060913-01.log")).containsExactly("today");
    }

    // ---- retention

    @Test
    void filesDatedMoreThanMaxHistoryDaysAgoAreDeletedWhateverTheirLetter() throws IOException {
        createLog("s20060910-00.log", "too old\n");
        createLog("x20060901-03.log", "too old\n");
        createLog("s20060911-00.log", "two days ago: kept\n");
        createLog("m20060912-00.log", "kept\n");
        createLog("sB220060901-00.log", "another server's: kept\n");
        createLog("notes.txt", "not a log: kept\n");
        start(a -> a.setMaxHistoryDays(2));

        activity("smtp").info("today");

        assertThat(files())
                .containsExactly(
                        "m20060912-00.log", "notes.txt", "s20060911-00.log", "s20060913-00.log", "sB220060901-00.log");
    }

    @Test
    void retentionFollowsTheDayChange() throws IOException {
        createLog("s20060911-00.log", "two days ago\n");
        start(a -> a.setMaxHistoryDays(2));
        activity("smtp").info("today");
        assertThat(files()).contains("s20060911-00.log");

        clock.advance(Duration.ofHours(1));
        activity("smtp").info("tomorrow");

        assertThat(files()).containsExactly("s20060913-00.log", "s20060914-00.log");
    }

    @Test
    void zeroMaxHistoryDaysKeepsEveryFile() throws IOException {
        createLog("s19990101-00.log", "old\n");
        start(a -> a.setMaxHistoryDays(0));

        activity("smtp").info("today");

        assertThat(files()).containsExactly("s19990101-00.log", "s20060913-00.log");
    }

    @Test
    void onlyFilesOfThisServerIdAreDeleted() throws IOException {
        createLog("s20060901-00.log", "no server id: kept\n");
        createLog("sA720060901-00.log", "deleted\n");
        start(a -> {
            a.setServerId("A7");
            a.setMaxHistoryDays(1);
        });

        activity("smtp").info("today");

        assertThat(files()).containsExactly("s20060901-00.log", "sA720060913-00.log");
    }

    // ---- life cycle

    @Test
    void noFileOrDirectoryIsCreatedBeforeTheFirstLine() {
        ServiceLogFileAppender appender = start();

        assertThat(appender.isStarted()).isTrue();
        assertThat(logs).doesNotExist();
        assertThat(appender.openFiles()).isEmpty();
    }

    @Test
    void stopClosesEveryFileAndLaterLinesAreNotWritten() throws IOException {
        ServiceLogFileAppender appender = start();
        activity("smtp").info("before");
        activity("imap").info("before");
        assertThat(appender.openFiles()).hasSize(2);

        appender.stop();
        activity("smtp").info("after");

        assertThat(appender.openFiles()).isEmpty();
        assertThat(lines("s20060913-00.log")).containsExactly("before");
    }

    @Test
    void aStoppedAppenderStartedAgainContinuesTheDaysFile() throws IOException {
        ServiceLogFileAppender appender = start();
        activity("smtp").info("one");
        appender.stop();

        appender.start();
        activity("smtp").info("two");

        assertThat(lines("s20060913-00.log")).containsExactly("one", "two");
    }

    @Test
    void badSettingsAreReportedAndTheAppenderStaysStopped() {
        ServiceLogFileAppender appender = start(a -> {
            a.setServerId("../etc");
            a.setLetters("smtp=S");
            a.setGeneralThreshold("loud");
            a.setMaxHistoryDays(-1);
        });

        assertThat(appender.isStarted()).isFalse();
        assertThat(context.getStatusManager().getCopyOfStatusList())
                .filteredOn(s -> s.getLevel() == Status.ERROR)
                .extracting(Status::getMessage)
                .anySatisfy(m -> assertThat(m).contains("serverId"))
                .anySatisfy(m -> assertThat(m).contains("'smtp=S'"))
                .anySatisfy(m -> assertThat(m).contains("'loud'"))
                .anySatisfy(m -> assertThat(m).contains("maxHistoryDays"));
    }

    @Test
    void aServiceMayNotTakeTheGeneralLogsLetter() {
        ServiceLogFileAppender appender = start(a -> a.setLetters("webdav=e"));

        assertThat(appender.isStarted()).isFalse();
    }

    @Test
    void anUnwritableDirectoryIsReportedOnceAndLinesAreDroppedWithoutException() throws IOException {
        Files.writeString(temp.resolve("logs"), "a file where the directory should be");
        start();

        activity("smtp").info("one");
        activity("smtp").info("two");

        assertThat(context.getStatusManager().getCopyOfStatusList())
                .filteredOn(s -> s.getLevel() == Status.ERROR)
                .hasSize(1)
                .first()
                .extracting(Status::getMessage)
                .asString()
                .contains("cannot write the 's' log");
    }

    @Test
    void concurrentWritersNeverInterleaveLinesOrLoseThem() throws Exception {
        start(a -> a.setMaxFileSize(new FileSize(4096)));
        int threads = 4;
        int perThread = 500;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            done.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < perThread; i++) {
                    activity("smtp").info("thread-{} line-{} {}", id, i, "payload".repeat(3));
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();

        List<String> all = new ArrayList<>();
        List<String> names = files();
        for (int i = 0; i < names.size(); i++) {
            assertThat(names.get(i)).isEqualTo(String.format("s20060913-%02d.log", i));
            assertThat(Files.size(logs.resolve(names.get(i)))).isLessThanOrEqualTo(4096);
            all.addAll(lines(names.get(i)));
        }
        assertThat(all).hasSize(threads * perThread);
        assertThat(all).allMatch(l -> l.matches("thread-\\d line-\\d+ (payload){3}"));
        assertThat(all).doesNotHaveDuplicates();
    }
}
