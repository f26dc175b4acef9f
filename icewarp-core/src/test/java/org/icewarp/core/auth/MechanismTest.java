package org.icewarp.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The authentication log's method numbers: the seed's 0–7, ours from 8. */
class MechanismTest {
    @Test
    void theSeedsNumbersAreKept() {
        assertThat(Mechanism.PLAIN.method()).isZero();
        assertThat(Mechanism.LOGIN.method()).isZero();
        assertThat(Mechanism.USER.method()).isZero();
        assertThat(Mechanism.APOP.method()).isEqualTo(1);
        assertThat(Mechanism.CRAM_MD5.method()).isEqualTo(2);
        assertThat(Mechanism.NTLM.method()).isEqualTo(3);
        assertThat(Mechanism.DIGEST_MD5.method()).isEqualTo(4);
        assertThat(Mechanism.SHA1.method()).isEqualTo(5);
        assertThat(Mechanism.OTP.method()).isEqualTo(6);
        assertThat(Mechanism.SYNCML_MD5.method()).isEqualTo(7);
    }

    @Test
    void newMechanismsFollowAndPlusVariantsShareTheirBase() {
        assertThat(Mechanism.named("scram-sha-1")).isEqualTo(Mechanism.SCRAM_SHA_1);
        assertThat(Mechanism.named("SCRAM-SHA-256-PLUS").method()).isEqualTo(9);
        assertThat(Mechanism.named("oauthbearer").method()).isEqualTo(10);
        assertThat(Mechanism.named("XOAUTH2").method()).isEqualTo(11);
        assertThat(Mechanism.named("EXTERNAL").method()).isEqualTo(12);
        assertThat(Mechanism.named("GSSAPI").method()).isEqualTo(13);
        assertThatThrownBy(() -> Mechanism.named("ANONYMOUS")).hasMessageContaining("ANONYMOUS");
        assertThat(new Mechanism("x-token", 20, false).name()).isEqualTo("X-TOKEN");
    }
}
