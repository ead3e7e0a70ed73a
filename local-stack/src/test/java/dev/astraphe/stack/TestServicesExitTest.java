package dev.astraphe.stack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.astraphe.testsupport.TestServices;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The test services stop when a test JVM in which no Spring application ran exits, as this module's end-to-end
 * tests' JVM does (they start the apps as processes of their own). Each run of them used to leave a PostgreSQL
 * server behind.
 */
class TestServicesExitTest {

    private static final String PORT = "postgres-port=";

    @Test
    void postgresStopsWhenAJvmWithoutSpringApplicationsExits() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                StartsPostgresAndWaits.class.getName()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            int port = -1;
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith(PORT)) {
                    port = Integer.parseInt(line.substring(PORT.length()));
                    break;
                }
            }
            assertThat(port).as("the child's PostgreSQL port").isPositive();
            assertThat(listening(port)).as("PostgreSQL runs while the child does").isTrue();

            child.getOutputStream().close(); // the child's main returns and its JVM exits
            Thread drain = Thread.ofVirtual().start(() -> out.lines().forEach(line -> { }));
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child exits").isTrue();
            drain.join(5_000);

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (listening(port) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(listening(port)).as("PostgreSQL stopped with the JVM that started it").isFalse();
        } finally {
            if (child.isAlive()) {
                child.destroy(); // a normal termination runs the child's shutdown hooks, which stop its PostgreSQL
                if (!child.waitFor(30, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                }
            }
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Starts the shared PostgreSQL, says on which port, and returns when its standard input closes. */
    static final class StartsPostgresAndWaits {

        public static void main(String[] args) throws IOException {
            System.out.println(PORT + TestServices.postgres().getPort());
            System.out.flush();
            while (System.in.read() >= 0) {
                // until the test closes our input
            }
        }
    }
}
