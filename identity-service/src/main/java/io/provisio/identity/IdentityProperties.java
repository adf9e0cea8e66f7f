package io.provisio.identity;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param tokenTtl       lifetime of the partners' access tokens
 * @param platformDomain UPN domain for customers without a domain of their own
 * @param signing        where the token signing key comes from
 * @param activationTtl  how long an activation link works, from the moment its e-mail is (scheduled to be) sent
 * @param administratorRemovalLease how long one removal of an administrator holds its customer's claim; a
 *                       removal whose process died blocks the next one for at most this long
 * @param deletedUserSweep how often the tombstones of deleted users whose UserDeleted has left are removed
 * @param setupLinkTtl   how long a setup link works, from its start date (ADR 023): longer than notification's final
 *                       deadline, so a customer who acts on the last escalation still can
 * @param setupSubdomainTimeout how long the setup page waits for customer-service's answer about a sub-domain
 *                       (ADR 026) before it says the check is unavailable
 */
@ConfigurationProperties("provisio.identity")
public record IdentityProperties(
        @DefaultValue("1h") Duration tokenTtl,
        @DefaultValue("provisio.cloud") String platformDomain,
        @DefaultValue Signing signing,
        @DefaultValue("72h") Duration activationTtl,
        @DefaultValue("30s") Duration administratorRemovalLease,
        @DefaultValue("1m") Duration deletedUserSweep,
        @DefaultValue("14d") Duration setupLinkTtl,
        @DefaultValue("3s") Duration setupSubdomainTimeout) {

    /**
     * @param privateKeyPem     the RSA private key that signs tokens, as PKCS#8 PEM (production, from a secret)
     * @param keyId             the {@code kid} published with it; a new id for every new key lets
     *                          resource servers pick the right key while caches still hold the old set
     * @param previousKeyPem    the key that signed tokens before the last rotation, as PKCS#8 private or X.509
     *                          public PEM: published and accepted, never used to sign, so tokens issued before
     *                          the rotation stay valid until they expire (ADR 009); empty when there is none
     * @param previousKeyId     its {@code kid}, which must differ from {@code keyId}
     * @param generateIfMissing without a configured key, generate one once and keep it in MongoDB;
     *                          for local runs and tests only, as the private key then sits in the database
     */
    public record Signing(String privateKeyPem, String keyId, String previousKeyPem, String previousKeyId,
                          @DefaultValue("false") boolean generateIfMissing) {

        public boolean configured() {
            return privateKeyPem != null && !privateKeyPem.isBlank();
        }

        public boolean hasPrevious() {
            return previousKeyPem != null && !previousKeyPem.isBlank();
        }

        @Override
        public String toString() {
            return "Signing[keyId=" + keyId + ", configured=" + configured() + ", previousKeyId=" + previousKeyId
                    + ", hasPrevious=" + hasPrevious() + ", generateIfMissing=" + generateIfMissing + "]";
        }
    }
}
