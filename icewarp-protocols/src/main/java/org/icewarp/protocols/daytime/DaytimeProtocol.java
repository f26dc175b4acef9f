package org.icewarp.protocols.daytime;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.icewarp.core.log.ActivityLog;
import org.icewarp.core.service.ServiceProtocol;

/**
 * RFC 867: on connect, send the date and time as one line of US-ASCII and close; anything the client sends is ignored.
 * The RFC leaves the format open; this one is {@code Monday, November 23, 2026 13:05:09-UTC}, in the clock's zone.
 */
final class DaytimeProtocol implements ServiceProtocol {
    static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("EEEE, MMMM d, uuuu HH:mm:ss-zzz", Locale.US);

    private final Clock clock;
    private final ActivityLog log;

    DaytimeProtocol(Clock clock, ActivityLog log) {
        this.clock = clock;
        this.log = log;
    }

    private static final ZoneId UTC = ZoneId.of("UTC");

    static String line(Clock clock) {
        // The kernel's default clock is in ZoneOffset.UTC, whose short name is "Z"; say "UTC" instead.
        ZoneId zone = ZoneOffset.UTC.equals(clock.getZone()) ? UTC : clock.getZone();
        return ZonedDateTime.now(clock).withZoneSameInstant(zone).format(FORMAT) + "\r\n";
    }

    @Override
    public void initChannel(SocketChannel channel) {
        channel.pipeline().addLast("daytime", new Handler());
    }

    private final class Handler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            String text = line(clock);
            log.debug("{} <- {}", ctx.channel().remoteAddress(), text.strip());
            ctx.writeAndFlush(Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII))
                    .addListener(ChannelFutureListener.CLOSE);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("{} connection error: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }
}
