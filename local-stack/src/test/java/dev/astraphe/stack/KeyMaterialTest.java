package dev.astraphe.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class KeyMaterialTest {

    @Test
    void jwkRoundTripsToAWorkingKeyPair() throws Exception {
        String jwk = KeyMaterial.ecJwk(KeyMaterial.generateEc());

        assertThat(field(jwk, "kty")).isEqualTo("EC");
        assertThat(field(jwk, "crv")).isEqualTo("P-256");
        assertThat(field(jwk, "alg")).isEqualTo("ES256");
        for (String coordinate : new String[] {"x", "y", "d"}) {
            assertThat(decode(field(jwk, coordinate))).as(coordinate).hasSize(32);
        }

        ECParameterSpec p256 = p256();
        KeyFactory factory = KeyFactory.getInstance("EC");
        ECPublicKey pub = (ECPublicKey) factory.generatePublic(new ECPublicKeySpec(
                new ECPoint(unsigned(field(jwk, "x")), unsigned(field(jwk, "y"))), p256));
        ECPrivateKey priv = (ECPrivateKey) factory.generatePrivate(new ECPrivateKeySpec(unsigned(field(jwk, "d")), p256));

        byte[] message = "admission".getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(priv);
        signer.update(message);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(pub);
        verifier.update(message);
        assertThat(verifier.verify(signature)).isTrue();
    }

    @Test
    void kidIsTheRfc7638Thumbprint() throws Exception {
        String jwk = KeyMaterial.ecJwk(KeyMaterial.generateEc());
        String canonical = "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + field(jwk, "x") + "\",\"y\":\"" + field(jwk, "y") + "\"}";
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
        assertThat(field(jwk, "kid")).isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
    }

    @Test
    void fixedPadsAndStripsTheSignByte() {
        assertThat(KeyMaterial.fixed(BigInteger.ONE, 4)).containsExactly(0, 0, 0, 1);
        assertThat(KeyMaterial.fixed(new BigInteger("80000000", 16), 4)).containsExactly(0x80, 0, 0, 0);
    }

    @Test
    void generatesOnceAndKeepsTheFiles(@TempDir Path dir) throws Exception {
        KeyMaterial.KeyFiles first = KeyMaterial.ensure(dir);
        String jwk = Files.readString(first.admissionKey());
        String secret = Files.readString(first.ticketSecret());

        KeyMaterial.KeyFiles second = KeyMaterial.ensure(dir);

        assertThat(Files.readString(second.admissionKey())).isEqualTo(jwk);
        assertThat(Files.readString(second.ticketSecret())).isEqualTo(secret);
        assertThat(decode(secret.trim())).hasSize(32);
    }

    @Test
    void thePublicKeySetIsThePrivateKeysPublicHalf(@TempDir Path dir) throws Exception {
        KeyMaterial.KeyFiles keys = KeyMaterial.ensure(dir);

        assertThat(keys.admissionPublicKeys()).isEqualTo(dir.resolve("admission-ec.pub.json"));
        assertMatches(keys.admissionPublicKeys(), keys.admissionKey());
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.admissionKey()))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.admissionPublicKeys()))).isEqualTo("rw-r--r--");
        }
    }

    @Test
    void aKeptOrReplacedPrivateKeyGetsAMatchingPublicFileOnTheNextStart(@TempDir Path dir) throws Exception {
        // .local/keys from a run before the public file existed: the private key alone
        Path jwk = dir.resolve("admission-ec.json");
        Files.writeString(jwk, KeyMaterial.ecJwk(KeyMaterial.generateEc()));
        KeyMaterial.KeyFiles keys = KeyMaterial.ensure(dir);
        assertThat(Files.readString(keys.admissionKey())).as("the private key is kept").isEqualTo(Files.readString(jwk));
        assertMatches(keys.admissionPublicKeys(), jwk);
        String first = Files.readString(keys.admissionPublicKeys());

        // the same private key: the same public file, readable by the storefront's user again if it was not
        Files.setPosixFilePermissions(keys.admissionPublicKeys(), java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(KeyMaterial.ensure(dir).admissionPublicKeys())).isEqualTo(first);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.admissionPublicKeys())))
                .isEqualTo("rw-r--r--");

        // a key the user put there, with a kid of their own (one JSON has to escape) and no use or alg
        ObjectNode own = (ObjectNode) JSON.readTree(KeyMaterial.ecJwk(KeyMaterial.generateEc()));
        own.put("kid", "ops \"2026\" key").remove(List.of("use", "alg"));
        Files.writeString(jwk, JSON.writeValueAsString(own));
        KeyMaterial.ensure(dir);

        assertThat(Files.readString(keys.admissionPublicKeys())).isNotEqualTo(first);
        assertMatches(keys.admissionPublicKeys(), jwk);
        assertThat(JSON.readTree(Files.readString(keys.admissionPublicKeys())).get("keys").get(0).get("kid").stringValue())
                .isEqualTo("ops \"2026\" key");
    }

    @Test
    void aPrivateKeyFileThatIsNoPrivateP256JwkWithKidXYAndDIsRefused(@TempDir Path dir) throws Exception {
        ObjectNode good = (ObjectNode) JSON.readTree(KeyMaterial.ecJwk(KeyMaterial.generateEc()));
        ObjectNode other = (ObjectNode) JSON.readTree(KeyMaterial.ecJwk(KeyMaterial.generateEc()));
        String x31 = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[31]);
        List<List<String>> cases = List.of(
                List.of("not json", "not JSON"),
                List.of("[]", "not a JSON object"),
                List.of(good.deepCopy().put("kty", "RSA").toString(), "kty must be \"EC\""),
                List.of(good.deepCopy().put("crv", "P-384").toString(), "crv \"P-256\""),
                List.of(good.deepCopy().put("alg", "ES384").toString(), "alg, if given, must be \"ES256\""),
                List.of(good.deepCopy().put("use", "enc").toString(), "use, if given, must be \"sig\""),
                List.of(without(good, "kid"), "it has no kid"),
                List.of(good.deepCopy().put("kid", " ").toString(), "it has no kid"),
                List.of(without(good, "x"), "it has no x"),
                List.of(without(good, "y"), "it has no y"),
                List.of(without(good, "d"), "it has no d (it must be the private key)"),
                List.of(good.deepCopy().put("x", x31).toString(), "x is 31 bytes, not 32"),
                List.of(good.deepCopy().put("y", "*not base64*").toString(), "y is not base64url"),
                // someone else's public key beside this d: the storefront would refuse every admission
                List.of(good.deepCopy().put("x", other.get("x").stringValue()).put("y", other.get("y").stringValue()).toString(),
                        "its x and y are not the public key of its d"));
        Path jwk = dir.resolve("admission-ec.json");
        for (List<String> c : cases) {
            Files.writeString(jwk, c.get(0));
            assertThatThrownBy(() -> KeyMaterial.ensure(dir)).as(c.get(0))
                    .isInstanceOf(LocalStack.StartFailure.class)
                    .hasMessageContaining(jwk + " must be a private EC P-256 JWK with kid, x, y and d")
                    .hasMessageContaining(c.get(1));
        }
    }

    @Test
    void aFolderWhereThePublicFileGoesIsReported(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("admission-ec.pub.json"));

        assertThatThrownBy(() -> KeyMaterial.ensure(dir)).isInstanceOf(LocalStack.StartFailure.class)
                .hasMessageContaining("admission-ec.pub.json is a folder");
    }

    @Test
    void clusterIdHasKafkasShape() {
        for (int i = 0; i < 50; i++) {
            assertThat(KafkaComponent.clusterId()).matches("[A-Za-z0-9_-]{22}");
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The public file is {"keys":[k]}, k being exactly kty, crv, use, alg, kid, x, y of the private key (no d). */
    private static void assertMatches(Path publicFile, Path privateFile) throws Exception {
        JsonNode set = JSON.readTree(Files.readString(publicFile));
        JsonNode priv = JSON.readTree(Files.readString(privateFile));
        assertThat(set.propertyNames()).containsExactly("keys");
        assertThat(set.get("keys").size()).isEqualTo(1);
        JsonNode pub = set.get("keys").get(0);
        assertThat(pub.propertyNames()).containsExactlyInAnyOrder("kty", "crv", "use", "alg", "kid", "x", "y");
        assertThat(pub.get("kty").stringValue()).isEqualTo("EC");
        assertThat(pub.get("crv").stringValue()).isEqualTo("P-256");
        assertThat(pub.get("use").stringValue()).isEqualTo("sig");
        assertThat(pub.get("alg").stringValue()).isEqualTo("ES256");
        for (String field : new String[] {"kid", "x", "y"}) {
            assertThat(pub.get(field).stringValue()).as(field).isEqualTo(priv.get(field).stringValue());
        }
        assertThat(Files.readString(publicFile)).doesNotContain(priv.get("d").stringValue());
    }

    private static String without(ObjectNode jwk, String field) {
        ObjectNode copy = jwk.deepCopy();
        copy.remove(field);
        return copy.toString();
    }

    private static ECParameterSpec p256() throws Exception {
        AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
        params.init(new ECGenParameterSpec("secp256r1"));
        return params.getParameterSpec(ECParameterSpec.class);
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        assertThat(m.find()).as("field " + name).isTrue();
        return m.group(1);
    }

    private static byte[] decode(String b64url) {
        return Base64.getUrlDecoder().decode(b64url);
    }

    private static BigInteger unsigned(String b64url) {
        return new BigInteger(1, decode(b64url));
    }
}
