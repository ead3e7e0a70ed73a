package dev.astraphe.stack;

import java.nio.file.Path;
import java.util.List;

/** Signing material for apps started by tests, written the same way the launcher writes it. */
public final class TestKeys {

    private TestKeys() {
    }

    /** The command-line arguments that point queue-edge at freshly generated keys in {@code dir}. */
    public static List<String> signingArguments(Path dir) {
        KeyMaterial.KeyFiles keys = ensure(dir);
        return List.of("--astraphe.admission.key-file=" + keys.admissionKey(),
                "--astraphe.ticket.secret-file=" + keys.ticketSecret());
    }

    /** The command-line arguments that point the storefront at the public half of the keys in {@code dir}. */
    public static List<String> verifyingArguments(Path dir) {
        return List.of("--astraphe.admission.public-jwks-file=" + ensure(dir).admissionPublicKeys());
    }

    private static KeyMaterial.KeyFiles ensure(Path dir) {
        try {
            return KeyMaterial.ensure(dir);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot write test keys to " + dir, e);
        }
    }
}
