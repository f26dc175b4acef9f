package org.icewarp.protocols.daytime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.icewarp.core.config.ServerConfig;
import org.icewarp.core.config.ServiceConfig;
import org.icewarp.server.IceWarpServer;
import org.junit.jupiter.api.Test;

/** Daytime queried the way an operator would: with netcat and with python's socket module, where installed. */
class DaytimeCommandLineClientTest {

    private static boolean onPath(String command) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    private static String run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    }

    private static String query(List<String> clientCommandWithoutPort) throws Exception {
        try (IceWarpServer server = IceWarpServer.builder()
                .config(ServerConfig.builder()
                        .service(ServiceConfig.builder("daytime").ports(0).build())
                        .build())
                .build()) {
            server.start();
            int port = server.services().require("daytime").listening().get(0).getPort();
            List<String> command = new java.util.ArrayList<>(clientCommandWithoutPort);
            command.replaceAll(s -> s.replace("PORT", Integer.toString(port)));
            return run(command);
        }
    }

    @Test
    void netcatReadsTheTime() throws Exception {
        assumeTrue(onPath("nc"), "nc is not installed; skipping the netcat client test");
        String out = query(List.of("nc", "-w", "5", "127.0.0.1", "PORT"));
        assertThat(out).matches("[A-Z][a-z]+day, [A-Z][a-z]+ \\d{1,2}, \\d{4} \\d{2}:\\d{2}:\\d{2}-UTC\\r\\n");
    }

    @Test
    void pythonReadsTheTime() throws Exception {
        assumeTrue(onPath("python3"), "python3 is not installed; skipping the python client test");
        String script = "import socket,sys\n"
                + "s=socket.create_connection(('127.0.0.1',int(sys.argv[1])),5)\n"
                + "d=b''\n"
                + "while True:\n"
                + "    c=s.recv(1024)\n"
                + "    if not c: break\n"
                + "    d+=c\n"
                + "sys.stdout.write(d.decode('ascii'))\n";
        String out = query(List.of("python3", "-c", script, "PORT"));
        assertThat(out).matches("[A-Z][a-z]+day, [A-Z][a-z]+ \\d{1,2}, \\d{4} \\d{2}:\\d{2}:\\d{2}-UTC\\r?\\n");
    }
}
