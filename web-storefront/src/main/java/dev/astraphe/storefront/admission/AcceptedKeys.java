package dev.astraphe.storefront.admission;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.nio.file.Files;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;

/** Builds the public key set admission tokens are verified against; refuses to start with none. */
final class AcceptedKeys {

    private AcceptedKeys() {
    }

    static JWKSet load(AdmissionProperties properties) {
        List<JWK> keys = new ArrayList<>();
        try {
            if (hasText(properties.publicJwks())) {
                for (JWK key : JWKSet.parse(properties.publicJwks().strip()).getKeys()) {
                    keys.add(ecPublic(key, "astraphe.admission.public-jwks"));
                }
            }
            String privateJwk = properties.privateJwk();
            String source = "astraphe.admission.private-jwk";
            if (!hasText(privateJwk) && properties.keyFile() != null) {
                source = "astraphe.admission.key-file (" + properties.keyFile() + ")";
                privateJwk = Files.readString(properties.keyFile());
            }
            if (hasText(privateJwk)) {
                JWK signing = ecPublic(JWK.parse(privateJwk.strip()), source);
                JWK named = keys.stream().filter(k -> k.getKeyID().equals(signing.getKeyID())).findFirst().orElse(null);
                if (named == null) {
                    keys.add(signing);
                } else if (!named.equals(signing)) {
                    // the key set would win and every token the signing key signs be refused, at run time
                    throw new IllegalStateException("The admission key in " + source + " and another key in "
                            + "astraphe.admission.public-jwks share the kid " + signing.getKeyID());
                }
            }
        } catch (ParseException | IOException e) {
            throw new IllegalStateException("Cannot read the admission keys: " + e.getMessage(), e);
        }
        if (keys.isEmpty()) {
            throw new IllegalStateException("No admission verification key: set astraphe.admission.public-jwks "
                    + "(a JWK Set of EC P-256 public keys), astraphe.admission.key-file or astraphe.admission.private-jwk");
        }
        return new JWKSet(keys);
    }

    private static JWK ecPublic(JWK key, String source) {
        if (!(key instanceof ECKey ec) || key.getKeyID() == null) {
            throw new IllegalStateException("Every admission key in " + source + " must be an EC JWK with a kid");
        }
        return ec.toPublicJWK();
    }

    private static boolean hasText(String s) {
        return s != null && !s.isBlank();
    }
}
