package dev.astraphe.queue.room;

import dev.astraphe.queue.admission.AdmissionIssuer;
import java.time.Instant;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/** The waiting room's admissions are the admission feature's ES256-signed cookies. */
@Component
class SignedAdmissionGrant implements AdmissionGrant {

    private final AdmissionIssuer issuer;

    SignedAdmissionGrant(AdmissionIssuer issuer) {
        this.issuer = issuer;
    }

    @Override
    public ResponseCookie grant(long userId, long productId, long admittedAt) {
        return issuer.cookie(productId, issuer.issue(userId, productId, Instant.ofEpochMilli(admittedAt)));
    }
}
