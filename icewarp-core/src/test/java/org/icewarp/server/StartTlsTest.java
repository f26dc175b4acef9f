package org.icewarp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.StringDecoder;
import io.netty.handler.ssl.OpenSsl;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.icewarp.core.config.ServerConfig;
import org.icewarp.core.config.ServiceConfig;
import org.icewarp.core.config.TlsSettings;
import org.icewarp.core.config.TlsSettings.Engine;
import org.icewarp.core.log.ActivityLog;
import org.icewarp.core.service.ServiceContext;
import org.icewarp.core.service.ServiceFactory;
import org.icewarp.core.service.ServiceProtocol;
import org.icewarp.core.testing.TlsClient;
import org.icewarp.core.tls.ServiceTls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/**
 * STARTTLS through {@code ServiceTls.startTls} with a tiny line protocol: {@code STARTTLS} upgrades, any other line is
 * executed (recorded) and echoed. Plaintext pipelined behind STARTTLS must never be executed.
 */
class StartTlsTest {
    @TempDir
    Path data;

    private IceWarpServer server;
    private final List<String> executed = new CopyOnWriteArrayList<>();
    private final ListAppender<ILoggingEvent> serviceLog = new ListAppender<>();

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(ActivityLog.LOGGER_PREFIX + "lines")).detachAppender(serviceLog);
        if (server != null) {
            server.close();
        }
    }

    /**
     * A line decoder that drops what it holds when STARTTLS asks ({@link ServiceTls.BufferedInput}), as protocol
     * decoders must; {@code LineBasedFrameDecoder} cannot (its scan offset is private).
     */
    static final class AwareLineDecoder extends ByteToMessageDecoder implements ServiceTls.BufferedInput {
        @Override
        protected void decode(ChannelHandlerContext ctx, io.netty.buffer.ByteBuf in, List<Object> out) {
            int eol = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
            if (eol < 0) {
                return;
            }
            int length = eol - in.readerIndex();
            io.netty.buffer.ByteBuf line = in.readRetainedSlice(length);
            in.skipBytes(1);
            if (line.isReadable() && line.getByte(line.writerIndex() - 1) == '\r') {
                line.writerIndex(line.writerIndex() - 1);
            }
            out.add(line);
        }

        @Override
        public int discardBufferedInput() {
            io.netty.buffer.ByteBuf held = internalBuffer();
            int n = held.readableBytes();
            held.skipBytes(n);
            return n;
        }
    }

    private boolean awareDecoder;

    private ServiceFactory lines() {
        return new ServiceFactory() {
            @Override
            public String type() {
                return "lines";
            }

            @Override
            public String defaultModule() {
                return "lines";
            }

            @Override
            public List<Integer> defaultPorts() {
                return List.of(0);
            }

            @Override
            public boolean enabledByDefault() {
                return false;
            }

            @Override
            public ServiceProtocol create(ServiceContext context) {
                return (SocketChannel ch) -> ch.pipeline()
                        .addLast(awareDecoder ? new AwareLineDecoder() : new LineBasedFrameDecoder(1000))
                        .addLast(new StringDecoder(StandardCharsets.US_ASCII))
                        .addLast("lines", new SimpleChannelInboundHandler<String>() {
                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, String line) {
                                if (line.equals("STARTTLS")) {
                                    try {
                                        context.tls().startTls(ctx, ascii("220 go\r\n"));
                                    } catch (IllegalStateException e) {
                                        ctx.writeAndFlush(ascii("454 " + e.getMessage() + "\r\n"));
                                    }
                                    return;
                                }
                                executed.add(line);
                                String tls = context.tls().isActive(ctx.channel()) ? "tls" : "plain";
                                ctx.writeAndFlush(ascii(tls + " " + line + "\r\n"));
                            }
                        });
            }
        };
    }

    private static io.netty.buffer.ByteBuf ascii(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }

    private int start(TlsSettings tls) {
        serviceLog.start();
        ((Logger) LoggerFactory.getLogger(ActivityLog.LOGGER_PREFIX + "lines")).addAppender(serviceLog);
        server = IceWarpServer.builder()
                .dataDirectory(data)
                .serviceFactory(lines())
                .config(ServerConfig.builder()
                        .tls(tls)
                        .service(ServiceConfig.builder("lines").ports(0).build())
                        .build())
                .build();
        server.start();
        return server.services().require("lines").listening().get(0).getPort();
    }

    private static String readLine(InputStream in) throws java.io.IOException {
        StringBuilder sb = new StringBuilder();
        for (int c; (c = in.read()) >= 0 && c != '\n'; ) {
            sb.append((char) c);
        }
        return sb.toString().stripTrailing();
    }

    @ParameterizedTest
    @EnumSource(
            value = Engine.class,
            names = {"JDK", "OPENSSL"})
    void plaintextPipelinedAfterStartTlsIsDiscardedNotExecuted(Engine engine) throws Exception {
        if (engine == Engine.OPENSSL) {
            assumeTrue(OpenSsl.isAvailable(), "netty-tcnative cannot be loaded here");
        }
        int port = start(TlsSettings.builder().engine(engine).build());
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        plain.setSoTimeout(10_000);
        plain.getOutputStream().write("BEFORE\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(readLine(plain.getInputStream())).isEqualTo("plain BEFORE");
        // one write: the classic injection (CVE-2011-0411)
        plain.getOutputStream().write("STARTTLS\r\nINJECTED\r\n".getBytes(StandardCharsets.US_ASCII));
        plain.getOutputStream().flush();
        assertThat(readLine(plain.getInputStream())).isEqualTo("220 go");
        try (TlsClient c = TlsClient.wrap(plain, "lines.test", null, List.of())) {
            assertThat(c.send("AFTER\r\n").readLine()).isEqualTo("tls AFTER");
        }
        assertThat(executed).containsExactly("BEFORE", "AFTER");
        await().untilAsserted(() -> assertThat(serviceLog.list)
                .map(ILoggingEvent::getFormattedMessage)
                .anySatisfy(l -> assertThat(l)
                        .contains("after STARTTLS")
                        .contains("1 commands")
                        .contains("discarded")));
    }

    @Test
    void anIncompleteLineSentBeforeTheHandshakeIsDroppedByADecoderThatHoldsIt() throws Exception {
        awareDecoder = true;
        int port = start(TlsSettings.builder().engine(Engine.JDK).build());
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        plain.setSoTimeout(10_000);
        // a complete injected line and an incomplete one, in the clear, in one write with STARTTLS
        plain.getOutputStream().write("STARTTLS\r\nINJECTED\r\nPARTIAL".getBytes(StandardCharsets.US_ASCII));
        plain.getOutputStream().flush();
        assertThat(readLine(plain.getInputStream())).isEqualTo("220 go");
        try (TlsClient c = TlsClient.wrap(plain, "lines.test", null, List.of())) {
            assertThat(c.send("AFTER\r\n").readLine())
                    .as("the first line after the handshake is the client's, not PARTIAL joined to it")
                    .isEqualTo("tls AFTER");
        }
        assertThat(executed).containsExactly("AFTER");
        await().untilAsserted(() -> assertThat(serviceLog.list)
                .map(ILoggingEvent::getFormattedMessage)
                .anySatisfy(l ->
                        assertThat(l).contains("sent 17 bytes after STARTTLS").contains("discarded")));
    }

    @Test
    void plaintextSentAfterTheGoAheadBreaksTheHandshakeInsteadOfRunning() throws Exception {
        int port = start(TlsSettings.builder().engine(Engine.JDK).build());
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            plain.setSoTimeout(10_000);
            plain.getOutputStream().write("STARTTLS\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(readLine(plain.getInputStream())).isEqualTo("220 go");
            plain.getOutputStream().write("INJECTED\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(plain.getInputStream().read()).isIn(-1, 21);
        }
        assertThat(executed).isEmpty();
    }

    @Test
    void withTlsSwitchedOffStartTlsRefuses() throws Exception {
        int port = start(TlsSettings.builder().enabled(false).build());
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            plain.setSoTimeout(10_000);
            plain.getOutputStream().write("STARTTLS\r\nNEXT\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(readLine(plain.getInputStream())).startsWith("454 ").contains("switched off");
            assertThat(readLine(plain.getInputStream())).isEqualTo("plain NEXT");
        }
    }
}
