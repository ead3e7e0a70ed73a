package dev.astraphe.stack.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.Socket;

/** One Redis command over a plain socket, for a test that puts Redis into a state the apps only reach by a race. */
final class Redis {

    private Redis() {
    }

    /** Runs the command and returns the first line of the reply (":1", "+OK"); an error reply fails the test. */
    static String run(int port, String... command) {
        StringBuilder request = new StringBuilder("*").append(command.length).append("\r\n");
        for (String part : command) {
            request.append('$').append(part.getBytes(UTF_8).length).append("\r\n").append(part).append("\r\n");
        }
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(request.toString().getBytes(UTF_8));
            String reply = new BufferedReader(new InputStreamReader(socket.getInputStream(), UTF_8)).readLine();
            if (reply == null || reply.startsWith("-")) {
                throw new AssertionError(String.join(" ", command) + " answered " + reply);
            }
            return reply;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
