package dev.astraphe.queue.admission;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import java.io.IOException;
import java.nio.file.Files;
import java.text.ParseException;

/** Reads the private EC JWK from the configuration, refusing to start without a usable one. */
final class SigningKey {

    private SigningKey() {
    }

    static ECKey load(AdmissionProperties properties) {
        String json = properties.privateJwk();
        String source = "astraphe.admission.private-jwk";
        if ((json == null || json.isBlank()) && properties.keyFile() != null) {
            source = "astraphe.admission.key-file (" + properties.keyFile() + ")";
            try {
                json = Files.readString(properties.keyFile());
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read the admission signing key from " + source, e);
            }
        }
        if (json == null || json.isBlank()) {
            throw new IllegalStateException("No admission signing key: set astraphe.admission.key-file to a private "
                    + "EC P-256 JWK file (the local stack writes .local/keys/admission-ec.json) "
                    + "or astraphe.admission.private-jwk to the JWK JSON");
        }
        try {
            JWK jwk = JWK.parse(json.strip());
            if (!(jwk instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve()) || !ec.isPrivate()) {
                throw new IllegalStateException("The admission key in " + source + " must be a private EC P-256 JWK");
            }
            if (ec.getKeyID() == null || ec.getKeyID().isBlank()) {
                throw new IllegalStateException("The admission key in " + source + " needs a kid");
            }
            return ec;
        } catch (ParseException e) {
            throw new IllegalStateException("The admission key in " + source + " is not valid JWK JSON", e);
        }
    }
}
