package dev.astraphe.stack;

import java.nio.file.Path;
import java.util.List;

/** Signing material for apps started by tests, written the same way the launcher writes it. */
public final class TestKeys {

    private TestKeys() {
    }

    /** The command-line arguments that point an app at freshly generated keys in {@code dir}. */
    public static List<String> signingArguments(Path dir) {
        try {
            KeyMaterial.KeyFiles keys = KeyMaterial.ensure(dir);
            return List.of("--astraphe.admission.key-file=" + keys.admissionKey(),
                    "--astraphe.ticket.secret-file=" + keys.ticketSecret());
        } catch (Exception e) {
            throw new IllegalStateException("Cannot write test keys to " + dir, e);
        }
    }
}
