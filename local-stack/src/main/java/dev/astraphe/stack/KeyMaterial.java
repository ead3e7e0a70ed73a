package dev.astraphe.stack;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * The local signing material, generated once and kept in {@code .local/keys}: an ES256 key pair
 * as a private JWK (admission tokens) and an HMAC secret (tickets).
 */
final class KeyMaterial {

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private KeyMaterial() {
    }

    record KeyFiles(Path admissionKey, Path ticketSecret) {
    }

    static KeyFiles ensure(Path dir) throws IOException, GeneralSecurityException {
        Files.createDirectories(dir);
        Path jwk = dir.resolve("admission-ec.json");
        if (!Files.exists(jwk)) {
            writeSecret(jwk, ecJwk(generateEc()));
        }
        Path hmac = dir.resolve("ticket-hmac.txt");
        if (!Files.exists(hmac)) {
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            writeSecret(hmac, B64URL.encodeToString(secret) + "\n");
        }
        return new KeyFiles(jwk, hmac);
    }

    static KeyPair generateEc() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /** A private EC JWK (RFC 7518 §6.2) with an RFC 7638 thumbprint as kid. */
    static String ecJwk(KeyPair pair) throws GeneralSecurityException {
        ECPublicKey pub = (ECPublicKey) pair.getPublic();
        ECPrivateKey priv = (ECPrivateKey) pair.getPrivate();
        String x = B64URL.encodeToString(fixed(pub.getW().getAffineX(), 32));
        String y = B64URL.encodeToString(fixed(pub.getW().getAffineY(), 32));
        String d = B64URL.encodeToString(fixed(priv.getS(), 32));
        String thumbprintInput = "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + x + "\",\"y\":\"" + y + "\"}";
        String kid = B64URL.encodeToString(
                MessageDigest.getInstance("SHA-256").digest(thumbprintInput.getBytes(StandardCharsets.UTF_8)));
        return "{\"kty\":\"EC\",\"crv\":\"P-256\",\"use\":\"sig\",\"alg\":\"ES256\",\"kid\":\"" + kid
                + "\",\"x\":\"" + x + "\",\"y\":\"" + y + "\",\"d\":\"" + d + "\"}\n";
    }

    /** Unsigned big-endian, left-padded to the field size. */
    static byte[] fixed(BigInteger value, int size) {
        byte[] raw = value.toByteArray();
        if (raw.length == size) {
            return raw;
        }
        if (raw.length > size) {
            return Arrays.copyOfRange(raw, raw.length - size, raw.length); // drop the sign byte
        }
        byte[] padded = new byte[size];
        System.arraycopy(raw, 0, padded, size - raw.length, raw.length);
        return padded;
    }

    private static void writeSecret(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, content);
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
