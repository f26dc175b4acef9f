package org.icewarp.benchmarks.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The load harness's own parts, and a small run against an in-process server, so that its numbers can be trusted. */
class SmtpLoadTest {

    @ParameterizedTest
    @ValueSource(ints = {256, 300, 2048, 2049, 2050, 51_200, 100_003})
    void everyMessageHasTheRequestedSizeWithCrlfLinesAndNoLeadingDot(int size) {
        MessageSource source = new MessageSource(size, 1, "example.com");
        String message = text(source.header(7, 0)) + text(source.body());

        assertThat(message).endsWith("\r\n.\r\n");
        String content = message.substring(0, message.length() - 3);
        assertThat(content.length()).isEqualTo(size);
        assertThat(content.replace("\r\n", "")).doesNotContain("\r", "\n");
        assertThat(content.split("\r\n", -1))
                .allSatisfy(line -> assertThat(line).doesNotStartWith(".").hasSizeLessThanOrEqualTo(998));
        assertThat(message).contains("Message-ID: <0000000007.load@example.org>");
    }

    @Test
    void optionsAreParsedAndBadOnesNamed() {
        LoadOptions o = LoadOptions.parse(new String[] {
            "--messages", "5000", "--size", "50k", "--sessions", "8", "--reuse", "false", "--provider", "memory"
        });
        assertThat(o.messages()).isEqualTo(5000);
        assertThat(o.size()).isEqualTo(51_200);
        assertThat(o.sessions()).isEqualTo(8);
        assertThat(o.reuse()).isFalse();
        assertThat(o.provider()).isEqualTo("memory");
        assertThat(o.target()).isEmpty();

        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--sessions", "0"}))
                .hasMessageContaining("--sessions");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--provider", "jdbc"}))
                .hasMessageContaining("--provider");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--frobnicate", "1"}))
                .hasMessageContaining("--frobnicate");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--target", "nohost"}))
                .hasMessageContaining("host:port");
    }

    @Test
    void percentilesUseTheNearestRankOfAcceptedMessages() {
        LoadRun run = new LoadRun(200, 0);
        for (int i = 0; i < 100; i++) {
            run.accepted(run.claim(), (i + 1) * 1_000L);
        }
        run.failed(run.claim(), "refused");

        LoadRun.Percentiles p = run.percentiles();
        assertThat(p.p50()).isEqualTo(50_000);
        assertThat(p.p99()).isEqualTo(99_000);
        assertThat(p.max()).isEqualTo(100_000);
        assertThat(run.ok()).isEqualTo(100);
        assertThat(run.failedCount()).isEqualTo(1);
        assertThat(run.firstFailure()).isEqualTo("refused");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aSmallRunDeliversEveryMessageIntoTheStore(boolean reuse) throws Exception {
        LoadOptions options = LoadOptions.parse(new String[] {
            "--messages",
            "60",
            "--size",
            "3k",
            "--sessions",
            "4",
            "--recipients",
            "3",
            "--provider",
            "memory",
            "--reuse",
            Boolean.toString(reuse)
        });
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try (LoadServer server = new LoadServer(options)) {
            LoadRun run = new LoadRun(options.messages(), 0);
            SmtpLoad.drive(
                    group,
                    server.address(),
                    new MessageSource(options.size(), options.recipients(), options.domain()),
                    options,
                    run);

            assertThat(run.failedCount())
                    .as("first failure: %s", run.firstFailure())
                    .isZero();
            assertThat(run.ok()).isEqualTo(60);
            assertThat(server.stored()).isEqualTo(60);
            // without reuse a chain may open one last connection that finds the pool empty and only says QUIT
            assertThat(run.connections()).isBetween(reuse ? 4L : 60L, reuse ? 4L : 64L);
            assertThat(run.percentiles().p50()).isPositive();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static String text(ByteBuf b) {
        return b.toString(StandardCharsets.US_ASCII);
    }
}
