package dev.astraphe.bench;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;

/** A throw-away admission key (private EC JWK, as the local stack writes it) and ticket secret per run. */
final class KeyFiles {

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private KeyFiles() {
    }

    static void write(Path dir) throws Exception {
        Files.createDirectories(dir);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        ECPublicKey pub = (ECPublicKey) pair.getPublic();
        String x = B64URL.encodeToString(fixed(pub.getW().getAffineX()));
        String y = B64URL.encodeToString(fixed(pub.getW().getAffineY()));
        String d = B64URL.encodeToString(fixed(((ECPrivateKey) pair.getPrivate()).getS()));
        String thumbprintInput = "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + x + "\",\"y\":\"" + y + "\"}";
        String kid = B64URL.encodeToString(MessageDigest.getInstance("SHA-256").digest(thumbprintInput.getBytes(StandardCharsets.UTF_8)));
        Files.writeString(dir.resolve("admission-ec.json"), "{\"kty\":\"EC\",\"crv\":\"P-256\",\"use\":\"sig\",\"alg\":\"ES256\",\"kid\":\""
                + kid + "\",\"x\":\"" + x + "\",\"y\":\"" + y + "\",\"d\":\"" + d + "\"}\n");
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        Files.writeString(dir.resolve("ticket-hmac.txt"), B64URL.encodeToString(secret) + "\n");
    }

    private static byte[] fixed(BigInteger value) {
        byte[] raw = value.toByteArray();
        if (raw.length == 32) {
            return raw;
        }
        if (raw.length > 32) {
            return Arrays.copyOfRange(raw, raw.length - 32, raw.length);
        }
        byte[] padded = new byte[32];
        System.arraycopy(raw, 0, padded, 32 - raw.length, raw.length);
        return padded;
    }
}
