package dev.astraphe.storefront.admission;

import static dev.astraphe.storefront.TestAdmissionKeys.K1;
import static dev.astraphe.storefront.TestAdmissionKeys.K2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import org.junit.jupiter.api.Test;

class AcceptedKeysTest {

    @Test
    void theSigningKeyAndTheKeySetAreAcceptedTogether() {
        JWKSet keys = AcceptedKeys.load(new AdmissionProperties(null, K1.toJSONString(), new JWKSet(K2.toPublicJWK()).toString()));

        assertThat(keys.getKeys()).extracting(k -> k.getKeyID()).containsExactlyInAnyOrder("k1", "k2");
        assertThat(keys.getKeys()).noneMatch(k -> k.isPrivate());
        // the same key given twice is one key
        assertThat(AcceptedKeys.load(new AdmissionProperties(null, K1.toJSONString(), new JWKSet(K1.toPublicJWK()).toString()))
                .getKeys()).hasSize(1);
    }

    @Test
    void anotherKeyUnderTheSigningKeysKidStopsTheStart() {
        ECKey impostor = new ECKey.Builder(K2.toPublicJWK()).keyID("k1").build();

        assertThatThrownBy(() -> AcceptedKeys.load(new AdmissionProperties(null, K1.toJSONString(),
                new JWKSet(impostor).toString())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("share the kid k1");
    }
}
