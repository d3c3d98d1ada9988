package omnichannel.config;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An X authorization an admin started and X has not sent back yet (state hashed, PKCE verifier sealed). */
@Entity
@Table(name = "x_authorization")
public class XAuthorization {

    /** SHA-256 (hex) of the state sent to X. */
    @Id
    @Column(name = "state_hash")
    public String stateHash;

    @Column(name = "interaction_id")
    public String interactionId;

    /** The admin who started it: only they may complete it. */
    public String subject;

    /** Sealed. */
    @Column(name = "code_verifier")
    public String codeVerifier;

    @Column(name = "expires_at")
    public Instant expiresAt;
}
