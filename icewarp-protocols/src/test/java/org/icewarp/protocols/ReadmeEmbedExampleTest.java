package org.icewarp.protocols;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The "Embed it" example of the root README compiles against the current API and works. */
class ReadmeEmbedExampleTest {
    private static final Pattern EXAMPLE =
            Pattern.compile("<!-- embed-example[^>]*-->\\s*```java\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path dir;

    @Test
    void theReadmeExampleCompilesAndAnswersWithTheTime() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher m = EXAMPLE.matcher(readme);
        assertThat(m.find()).as("README.md has an embed-example java block").isTrue();
        Path source = dir.resolve("EmbedExample.java");
        Files.writeString(source, m.group(1));

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int rc = javac.run(
                null,
                diagnostics,
                diagnostics,
                List.of("-classpath", System.getProperty("java.class.path"), "-d", dir.toString(), source.toString())
                        .toArray(String[]::new));
        assertThat(rc).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();

        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            Method main = loader.loadClass("EmbedExample").getMethod("main", String[].class);
            System.setOut(new PrintStream(out, true, StandardCharsets.US_ASCII));
            main.invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(original);
        }
        assertThat(out.toString(StandardCharsets.US_ASCII))
                .matches("[A-Z][a-z]+day, [A-Z][a-z]+ \\d{1,2}, \\d{4} \\d{2}:\\d{2}:\\d{2}-UTC\\r\\n");
    }
}
