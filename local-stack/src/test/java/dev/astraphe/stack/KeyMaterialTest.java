package dev.astraphe.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void clusterIdHasKafkasShape() {
        for (int i = 0; i < 50; i++) {
            assertThat(KafkaComponent.clusterId()).matches("[A-Za-z0-9_-]{22}");
        }
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
