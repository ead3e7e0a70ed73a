package dev.astraphe.storefront.admission;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which admission signing keys the storefront accepts: JWK Sets of public keys (several at once while keys rotate),
 * in a file ({@code publicJwksFile}: the local stack writes {@code .local/keys/admission-ec.pub.json}) or inline
 * ({@code publicJwks}). {@code keyFile} and {@code privateJwk}, the signing key itself, are still read for
 * compatibility (only its public half is kept), but the storefront has no need of the private key: give it the
 * public file, so that whoever takes over the storefront cannot sign admissions.
 */
@ConfigurationProperties("astraphe.admission")
record AdmissionProperties(Path keyFile, String privateJwk, String publicJwks, Path publicJwksFile) {
}
