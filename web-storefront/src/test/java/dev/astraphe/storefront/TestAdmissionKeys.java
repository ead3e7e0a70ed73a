package dev.astraphe.storefront;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Admission keys generated for the test run: the storefront is given k1 in a public JWK Set file (as the local
 * stack gives it) and k2 in the inline public JWK Set, so both are accepted at once, as during a key rotation. The
 * storefront holds no private key; the tests sign with k1's. k3 is accepted nowhere.
 */
public final class TestAdmissionKeys {

    public static final ECKey K1 = generate("k1");
    public static final ECKey K2 = generate("k2");
    public static final ECKey K3 = generate("k3");

    private static Path publicJwksFile;

    private TestAdmissionKeys() {
    }

    public static String publicJwks() {
        return new JWKSet(K2.toPublicJWK()).toString();
    }

    /** k1's public half as a JWK Set file, written once per run (the same path keeps one cached test context). */
    public static synchronized String publicJwksFile() {
        if (publicJwksFile == null) {
            try {
                Path file = Files.createTempFile("admission-ec", ".pub.json");
                file.toFile().deleteOnExit();
                Files.writeString(file, new JWKSet(K1.toPublicJWK()).toString());
                publicJwksFile = file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return publicJwksFile.toString();
    }

    private static ECKey generate(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
