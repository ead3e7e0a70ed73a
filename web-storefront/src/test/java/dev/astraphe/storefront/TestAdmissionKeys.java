package dev.astraphe.storefront;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;

/**
 * Admission keys generated for the test run: the storefront is given k1 as a private JWK (it uses
 * only its public half) and k2 in the public JWK Set, so both are accepted at once, as during a
 * key rotation. k3 is accepted nowhere.
 */
public final class TestAdmissionKeys {

    public static final ECKey K1 = generate("k1");
    public static final ECKey K2 = generate("k2");
    public static final ECKey K3 = generate("k3");

    private TestAdmissionKeys() {
    }

    public static String privateJwk() {
        return K1.toJSONString();
    }

    public static String publicJwks() {
        return new JWKSet(K2.toPublicJWK()).toString();
    }

    private static ECKey generate(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
