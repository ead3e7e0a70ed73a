package dev.astraphe.bench;

import dev.astraphe.shared.queue.QueueKeys;
import java.io.BufferedWriter;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * Signs tickets with queue-edge's own {@code TicketCodec}, loaded from its compiled classes (it is package-private
 * and the app's jar is a Boot fat jar), so a change of the ticket format cannot leave the benchmark polling with
 * tickets the app refuses. One ticket per line, for shoppers spread evenly over the back 90% of the line that
 * {@link Seeder#line} wrote (the front is what admission ticks eat during the run).
 */
final class TicketMinter {

    private static final String ROOM = "dev.astraphe.queue.room.";

    private TicketMinter() {
    }

    static void mint(Path classes, Path secretFile, long productId, int waiting, int count, long firstUser, Path out) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, TicketMinter.class.getClassLoader())) {
            Map<String, Object> named = Map.of("secretFile", secretFile.toAbsolutePath().toString());
            Class<?> codecType = loader.loadClass(ROOM + "TicketCodec");
            Object codec = construct(codecType, loader, named);
            Class<?> ticketType = loader.loadClass(ROOM + "Ticket");
            Method encode = codecType.getDeclaredMethod("encode", ticketType);
            encode.setAccessible(true);
            long now = System.currentTimeMillis();
            int front = waiting / 10;
            try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.US_ASCII)) {
                for (int k = 0; k < count; k++) {
                    long position = front + 1 + (long) k * (waiting - front) / count;
                    Object ticket = record(ticketType, Map.of("productId", productId, "userId", firstUser + position - 1,
                            "sequence", QueueKeys.LATER_ARRIVALS_OFFSET + position, "issuedAtMillis", now));
                    w.write((String) encode.invoke(codec, ticket));
                    w.newLine();
                }
            }
        }
        System.out.println(count + " tickets for product " + productId + " signed by queue-edge's TicketCodec -> " + out);
    }

    /** Fills the only constructor: records from the room package with defaults (plus named values), a clock. */
    private static Object construct(Class<?> type, ClassLoader loader, Map<String, Object> named) throws Exception {
        Constructor<?> c = type.getDeclaredConstructors()[0];
        c.setAccessible(true);
        Class<?>[] params = c.getParameterTypes();
        Object[] args = new Object[params.length];
        for (int i = 0; i < params.length; i++) {
            if (params[i].isRecord()) {
                args[i] = record(params[i], named);
            } else if (params[i] == Clock.class) {
                args[i] = Clock.systemUTC();
            } else {
                throw new IllegalStateException("TicketCodec needs a " + params[i].getName() + ": teach TicketMinter about it");
            }
        }
        return c.newInstance(args);
    }

    private static Object record(Class<?> type, Map<String, Object> named) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            Object v = named.get(components[i].getName());
            values[i] = v != null ? v : defaultOf(types[i]);
        }
        Constructor<?> c = type.getDeclaredConstructor(types);
        c.setAccessible(true);
        return c.newInstance(values);
    }

    private static Object defaultOf(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == int.class) {
            return 0;
        }
        return null;
    }
}
