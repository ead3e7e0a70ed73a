package dev.astraphe.stack;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The local signing material in {@code .local/keys}: an ES256 key pair as a private JWK (admission tokens, signed by
 * queue-edge) and an HMAC secret (tickets, queue-edge's alone), generated once; and the public half of the key pair
 * as a JWK Set, all the storefront is given to verify admissions. The public file is derived from the private one on
 * every start, so that it follows a private key put there by hand or kept from a run before it existed.
 */
final class KeyMaterial {

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private KeyMaterial() {
    }

    /** {@code admissionKey}: the private JWK (0600); {@code admissionPublicKeys}: the JWK Set of its public half. */
    record KeyFiles(Path admissionKey, Path admissionPublicKeys, Path ticketSecret) {
    }

    static KeyFiles ensure(Path dir) throws IOException, GeneralSecurityException {
        Files.createDirectories(dir);
        Path jwk = dir.resolve("admission-ec.json");
        if (!Files.exists(jwk)) {
            writeSecret(jwk, ecJwk(generateEc()));
        }
        Path publicJwks = dir.resolve("admission-ec.pub.json");
        writePublic(publicJwks, publicJwks(jwk));
        Path hmac = dir.resolve("ticket-hmac.txt");
        if (!Files.exists(hmac)) {
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            writeSecret(hmac, B64URL.encodeToString(secret) + "\n");
        }
        return new KeyFiles(jwk, publicJwks, hmac);
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

    /**
     * The JWK Set of the public half of the private JWK in {@code privateJwk}: kty, crv, use, alg, kid, x, y. Refuses
     * (with the reason) anything but a private EC P-256 signing JWK with a kid whose x, y belong to its d: the
     * storefront would otherwise be given a key that verifies none of queue-edge's admissions.
     */
    static String publicJwks(Path privateJwk) throws IOException {
        JsonNode jwk;
        try {
            jwk = JSON.readTree(Files.readString(privateJwk));
        } catch (JacksonException e) {
            throw invalid(privateJwk, "it is not JSON (" + e.getOriginalMessage() + ")");
        }
        if (jwk == null || !jwk.isObject()) {
            throw invalid(privateJwk, "it is not a JSON object");
        }
        if (!"EC".equals(text(jwk, "kty")) || !"P-256".equals(text(jwk, "crv"))) {
            throw invalid(privateJwk, "kty must be \"EC\" and crv \"P-256\" (ES256)");
        }
        if (jwk.has("use") && !"sig".equals(text(jwk, "use"))) {
            throw invalid(privateJwk, "use, if given, must be \"sig\"");
        }
        if (jwk.has("alg") && !"ES256".equals(text(jwk, "alg"))) {
            throw invalid(privateJwk, "alg, if given, must be \"ES256\"");
        }
        String kid = text(jwk, "kid");
        if (kid == null || kid.isBlank()) {
            throw invalid(privateJwk, "it has no kid (the storefront refuses admissions without one)");
        }
        byte[] x = coordinate(privateJwk, jwk, "x");
        byte[] y = coordinate(privateJwk, jwk, "y");
        byte[] d = coordinate(privateJwk, jwk, "d");
        if (!pairs(x, y, d)) {
            throw invalid(privateJwk, "its x and y are not the public key of its d");
        }
        ObjectNode pub = JSON.createObjectNode()
                .put("kty", "EC").put("crv", "P-256").put("use", "sig").put("alg", "ES256").put("kid", kid)
                .put("x", B64URL.encodeToString(x)).put("y", B64URL.encodeToString(y));
        ObjectNode set = JSON.createObjectNode();
        set.putArray("keys").add(pub);
        return JSON.writeValueAsString(set) + "\n";
    }

    private static String text(JsonNode jwk, String field) {
        JsonNode value = jwk.get(field);
        return value != null && value.isString() ? value.stringValue() : null;
    }

    /** A P-256 coordinate or private scalar: base64url of exactly 32 bytes (RFC 7518 §6.2.1.2, §6.2.2.1). */
    private static byte[] coordinate(Path file, JsonNode jwk, String field) {
        String value = text(jwk, field);
        if (value == null) {
            throw invalid(file, "it has no " + field + (field.equals("d") ? " (it must be the private key)" : ""));
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw invalid(file, field + " is not base64url");
        }
        if (bytes.length != 32) {
            throw invalid(file, field + " is " + bytes.length + " bytes, not 32");
        }
        return bytes;
    }

    /** Whether (x, y) is the public key of d: what d signs, (x, y) verifies. */
    private static boolean pairs(byte[] x, byte[] y, byte[] d) {
        try {
            AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
            params.init(new ECGenParameterSpec("secp256r1"));
            ECParameterSpec p256 = params.getParameterSpec(ECParameterSpec.class);
            KeyFactory factory = KeyFactory.getInstance("EC");
            PublicKey pub = factory.generatePublic(new ECPublicKeySpec(
                    new ECPoint(new BigInteger(1, x), new BigInteger(1, y)), p256));
            PrivateKey priv = factory.generatePrivate(new ECPrivateKeySpec(new BigInteger(1, d), p256));
            byte[] message = "admission-ec.pub.json".getBytes(StandardCharsets.UTF_8);
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(priv);
            signer.update(message);
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(pub);
            verifier.update(message);
            return verifier.verify(signer.sign());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false; // a point off the curve, a scalar out of range
        }
    }

    private static LocalStack.StartFailure invalid(Path file, String reason) {
        return new LocalStack.StartFailure(file + " must be a private EC P-256 JWK with kid, x, y and d, "
                + "as queue-edge signs admissions with it; " + reason
                + ". Fix or remove it (a new key pair is then generated; admissions already given out stop working).");
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

    /** Readable by all (the storefront's container runs as another user); rewritten only when it changes. */
    private static void writePublic(Path file, String content) throws IOException {
        if (Files.isDirectory(file)) {
            throw new LocalStack.StartFailure(file + " is a folder (docker compose makes one when it mounts a missing "
                    + "file): remove it, the public key file is then written there");
        }
        if (Files.isRegularFile(file) && Files.readString(file).equals(content)) {
            readableByAll(file); // the storefront's container runs as another user
            return;
        }
        // a name of its own: two starts at once each write whole and the last move wins
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            Files.writeString(tmp, content);
            readableByAll(tmp);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void readableByAll(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
    }

    private static void writeSecret(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, content);
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    }
}
