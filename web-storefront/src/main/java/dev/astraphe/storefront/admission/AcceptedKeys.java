package dev.astraphe.storefront.admission;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the public key set admission tokens are verified against; refuses to start with none. The keys come from
 * {@code astraphe.admission.public-jwks} (inline JWK Set), {@code public-jwks-file} (a JWK Set file: what the
 * storefront should be given) and, for compatibility, the signing key itself ({@code private-jwk} or
 * {@code key-file}), of which only the public half is kept. Every key needs a kid, and one kid names one key across
 * all of them: the same key given twice is one key, two different keys under one kid stop the start.
 */
final class AcceptedKeys {

    private static final Logger log = LoggerFactory.getLogger(AcceptedKeys.class);

    private AcceptedKeys() {
    }

    private record Accepted(ECKey key, String source) {
    }

    static JWKSet load(AdmissionProperties properties) {
        Map<String, Accepted> byKid = new LinkedHashMap<>();
        if (hasText(properties.publicJwks())) {
            addPublic(byKid, properties.publicJwks(), "astraphe.admission.public-jwks");
        }
        if (properties.publicJwksFile() != null) {
            String source = "astraphe.admission.public-jwks-file (" + properties.publicJwksFile() + ")";
            addPublic(byKid, read(properties.publicJwksFile(), source), source);
        }
        String privateJwk = properties.privateJwk();
        String source = "astraphe.admission.private-jwk";
        if (!hasText(privateJwk) && properties.keyFile() != null) {
            source = "astraphe.admission.key-file (" + properties.keyFile() + ")";
            privateJwk = read(properties.keyFile(), source);
        }
        if (hasText(privateJwk)) {
            JWK signing;
            try {
                signing = JWK.parse(privateJwk.strip());
            } catch (ParseException e) {
                throw new IllegalStateException("The admission key in " + source + " is not a JWK: " + e.getMessage(), e);
            }
            add(byKid, signing, source);
        }
        if (byKid.isEmpty()) {
            throw new IllegalStateException("No admission verification key: set astraphe.admission.public-jwks-file "
                    + "(a JWK Set file of EC P-256 public keys), astraphe.admission.public-jwks (the same inline), "
                    + "astraphe.admission.key-file or astraphe.admission.private-jwk");
        }
        List<JWK> keys = new ArrayList<>();
        byKid.values().forEach(accepted -> keys.add(accepted.key()));
        return new JWKSet(keys);
    }

    /** A JWK Set; a lone JWK is taken as a set of one. A private key is accepted, but only its public half kept. */
    private static void addPublic(Map<String, Accepted> byKid, String json, String source) {
        List<JWK> keys;
        try {
            Map<String, Object> object = JSONObjectUtils.parse(json.strip());
            if (object.containsKey("keys")) {
                keys = JWKSet.parse(object).getKeys();
            } else if (object.containsKey("kty")) {
                keys = List.of(JWK.parse(object));
            } else {
                throw new ParseException("neither a \"keys\" nor a \"kty\" member", 0);
            }
        } catch (ParseException e) {
            throw new IllegalStateException(source + " is not a JWK Set: " + e.getMessage(), e);
        }
        if (keys.isEmpty()) {
            throw new IllegalStateException(source + " holds no key");
        }
        for (JWK key : keys) {
            if (key.isPrivate()) {
                log.warn("{} holds the private key {}: only its public half is used; give this app the public key only",
                        source, key.getKeyID());
            }
            add(byKid, key, source);
        }
    }

    private static void add(Map<String, Accepted> byKid, JWK key, String source) {
        if (!(key instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve()) || key.getKeyID() == null
                || key.getKeyID().isBlank()) {
            throw new IllegalStateException("Every admission key in " + source + " must be an EC P-256 JWK with a kid");
        }
        // the decoder would pass over a key marked for anything else, and refuse every admission it signed, at run time
        if ((key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse()))
                || (key.getAlgorithm() != null && !JWSAlgorithm.ES256.getName().equals(key.getAlgorithm().getName()))) {
            throw new IllegalStateException("The admission key " + key.getKeyID() + " in " + source
                    + " is marked for another use or algorithm (use " + key.getKeyUse() + ", alg " + key.getAlgorithm()
                    + "): admissions are ES256 signatures");
        }
        ECKey pub = ec.toPublicJWK();
        Accepted named = byKid.get(pub.getKeyID());
        if (named == null) {
            byKid.put(pub.getKeyID(), new Accepted(pub, source));
        } else if (!named.key().getX().equals(pub.getX()) || !named.key().getY().equals(pub.getY())) {
            // one of the two would be picked for the kid and every token the other signs be refused, at run time
            throw new IllegalStateException("The admission key in " + source + " and another key in "
                    + named.source() + " share the kid " + pub.getKeyID());
        }
    }

    private static String read(Path file, String source) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + source + ": " + e, e);
        }
    }

    private static boolean hasText(String s) {
        return s != null && !s.isBlank();
    }
}
