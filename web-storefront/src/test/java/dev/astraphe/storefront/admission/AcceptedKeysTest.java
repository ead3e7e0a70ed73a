package dev.astraphe.storefront.admission;

import static dev.astraphe.storefront.TestAdmissionKeys.K1;
import static dev.astraphe.storefront.TestAdmissionKeys.K2;
import static dev.astraphe.storefront.TestAdmissionKeys.K3;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AcceptedKeysTest {

    @TempDir
    Path dir;

    @Test
    void theSigningKeyAndTheKeySetAreAcceptedTogether() {
        JWKSet keys = AcceptedKeys.load(new AdmissionProperties(null, K1.toJSONString(), new JWKSet(K2.toPublicJWK()).toString(), null));

        assertThat(keys.getKeys()).extracting(k -> k.getKeyID()).containsExactlyInAnyOrder("k1", "k2");
        assertThat(keys.getKeys()).noneMatch(k -> k.isPrivate());
        // the same key given twice is one key
        assertThat(AcceptedKeys.load(new AdmissionProperties(null, K1.toJSONString(), new JWKSet(K1.toPublicJWK()).toString(), null))
                .getKeys()).hasSize(1);
    }

    @Test
    void anotherKeyUnderTheSigningKeysKidStopsTheStart() {
        ECKey impostor = new ECKey.Builder(K2.toPublicJWK()).keyID("k1").build();

        assertThatThrownBy(() -> AcceptedKeys.load(new AdmissionProperties(null, K1.toJSONString(),
                new JWKSet(impostor).toString(), null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("share the kid k1");
    }

    @Test
    void thePublicKeySetFileAloneIsEnough() throws Exception {
        Path file = write("admission-ec.pub.json", new JWKSet(java.util.List.of(K1.toPublicJWK(), K2.toPublicJWK())).toString());

        JWKSet keys = AcceptedKeys.load(new AdmissionProperties(null, null, null, file));

        assertThat(keys.getKeys()).extracting(JWK::getKeyID).containsExactly("k1", "k2");
        assertThat(keys.getKeys()).noneMatch(JWK::isPrivate);
        assertThat(keys.getKeyByKeyId("k1").toECKey().getX()).isEqualTo(K1.getX());
    }

    @Test
    void theFileTheInlineSetAndTheSigningKeyAreAcceptedTogether() throws Exception {
        Path file = write("pub.json", new JWKSet(K1.toPublicJWK()).toString());
        Path keyFile = write("admission-ec.json", K3.toJSONString());

        JWKSet keys = AcceptedKeys.load(new AdmissionProperties(keyFile, null, new JWKSet(K2.toPublicJWK()).toString(), file));

        assertThat(keys.getKeys()).extracting(JWK::getKeyID).containsExactlyInAnyOrder("k1", "k2", "k3");
        assertThat(keys.getKeys()).noneMatch(JWK::isPrivate);
        // the signing key also in the file (the local stack's pair, as an old start command would give both): one key
        Path both = write("both.json", new JWKSet(K3.toPublicJWK()).toString());
        assertThat(AcceptedKeys.load(new AdmissionProperties(keyFile, null, null, both)).getKeys()).hasSize(1);
    }

    @Test
    void aPrivateKeyInTheFileIsAcceptedButOnlyItsPublicHalfKept() throws Exception {
        Path set = write("set.json", new JWKSet(K1).toString(false));
        Path lone = write("lone.json", K2.toJSONString());

        for (Path file : new Path[] {set, lone}) {
            JWKSet keys = AcceptedKeys.load(new AdmissionProperties(null, null, null, file));
            assertThat(keys.getKeys()).as(file.toString()).hasSize(1).noneMatch(JWK::isPrivate);
            assertThat(keys.getKeys().getFirst().toJSONObject()).as(file.toString()).doesNotContainKey("d");
        }
    }

    @Test
    void aMissingOrUnreadableFileStopsTheStartNamingTheProperty() {
        Path missing = dir.resolve("nowhere.pub.json");

        assertThatThrownBy(() -> AcceptedKeys.load(new AdmissionProperties(null, null, null, missing)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("astraphe.admission.public-jwks-file")
                .hasMessageContaining(missing.toString());
        // a folder where the file should be (what docker makes of a bind mount of a missing file)
        assertThatThrownBy(() -> AcceptedKeys.load(new AdmissionProperties(null, null, null, dir)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Cannot read astraphe.admission.public-jwks-file");
    }

    @Test
    void aFileThatIsNoKeySetStopsTheStartNamingTheProperty() throws Exception {
        for (String content : new String[] {"", "not json", "{\"kty\":", "[]", "{\"keys\":\"k1\"}", "{\"hello\":1}"}) {
            Path file = write("bad.json", content);
            assertThatThrownBy(() -> AcceptedKeys.load(new AdmissionProperties(null, null, null, file))).as(content)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("astraphe.admission.public-jwks-file (" + file + ") is not a JWK Set");
        }
        Path empty = write("empty.json", "{\"keys\":[]}");
        assertThatThrownBy(() -> AcceptedKeys.load(new AdmissionProperties(null, null, null, empty)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("astraphe.admission.public-jwks-file (" + empty + ") holds no key");
    }

    @Test
    void everyKeyInTheFileMustBeAnEcP256KeyWithAKid() throws Exception {
        JWK noKid = new ECKeyGenerator(Curve.P_256).generate().toPublicJWK();
        JWK p384 = new ECKeyGenerator(Curve.P_384).keyID("k384").generate().toPublicJWK();
        JWK rsa = new RSAKeyGenerator(2048).keyID("rsa").generate().toPublicJWK();

        for (JWK wrong : new JWK[] {noKid, p384, rsa}) {
            Path file = write("wrong.json", new JWKSet(java.util.List.of(K1.toPublicJWK(), wrong)).toString());
            assertThatThrownBy(() -> AcceptedKeys.load(new AdmissionProperties(null, null, null, file))).as(wrong.toJSONString())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Every admission key in astraphe.admission.public-jwks-file (" + file + ")")
                    .hasMessageContaining("with a kid");
        }
    }

    @Test
    void aKidClashStopsTheStartWhicheverSourcesTheKeysComeFrom() throws Exception {
        ECKey impostor = new ECKey.Builder(K2.toPublicJWK()).keyID("k1").build();
        Path genuine = write("genuine.json", new JWKSet(K1.toPublicJWK()).toString());
        Path forged = write("forged.json", new JWKSet(impostor).toString());
        Path clashInOneFile = write("clash.json", new JWKSet(java.util.List.of(K1.toPublicJWK(), impostor)).toString());

        // the file and the signing key
        assertThatThrownBy(() -> AcceptedKeys.load(new AdmissionProperties(null, K1.toJSONString(), null, forged)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("share the kid k1")
                .hasMessageContaining("astraphe.admission.private-jwk")
                .hasMessageContaining("astraphe.admission.public-jwks-file");
        // the file and the inline set
        assertThatThrownBy(() -> AcceptedKeys.load(new AdmissionProperties(null, null, new JWKSet(impostor).toString(), genuine)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("share the kid k1");
        // two keys of one file
        assertThatThrownBy(() -> AcceptedKeys.load(new AdmissionProperties(null, null, null, clashInOneFile)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("share the kid k1");
        // the same key with other metadata is still one key
        ECKey annotated = new ECKey.Builder(K1.toPublicJWK()).algorithm(com.nimbusds.jose.JWSAlgorithm.ES256).build();
        assertThat(AcceptedKeys.load(new AdmissionProperties(null, annotated.toJSONString(), null, genuine)).getKeys()).hasSize(1);
    }

    @Test
    void noKeyAnywhereStopsTheStartNamingThePublicFile() {
        assertThatThrownBy(() -> AcceptedKeys.load(new AdmissionProperties(null, null, " ", null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No admission verification key")
                .hasMessageContaining("astraphe.admission.public-jwks-file");
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void aKeyMarkedForAnotherUseOrAlgorithmOrWithABlankKidStopsTheStart() {
        for (ECKey key : List.of(new ECKey.Builder(K2.toPublicJWK()).keyUse(KeyUse.ENCRYPTION).build(),
                new ECKey.Builder(K2.toPublicJWK()).algorithm(JWSAlgorithm.ES384).build(),
                new ECKey.Builder(K2.toPublicJWK()).keyID(" ").build())) {
            assertThatThrownBy(() -> AcceptedKeys.load(new AdmissionProperties(null, null, new JWKSet(key).toString(), null)))
                    .as(key.toJSONString()).isInstanceOf(IllegalStateException.class);
        }
        // marked for signing with ES256, as the local stack writes it: accepted
        ECKey signing = new ECKey.Builder(K2.toPublicJWK()).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256).build();
        assertThat(AcceptedKeys.load(new AdmissionProperties(null, null, new JWKSet(signing).toString(), null)).getKeys())
                .hasSize(1);
    }
}
