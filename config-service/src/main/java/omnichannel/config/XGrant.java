package omnichannel.config;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An X account's OAuth 2.0 grant to the interaction's X app (Authorization Code with PKCE): the access and refresh
 * tokens, sealed by {@code SecretBox}, and whether it still holds. X rotates the refresh token at every refresh, so the
 * row is locked while one is under way.
 */
@Entity
@Table(name = "x_grant")
public class XGrant {

    public enum Status {
        /** Tokens held; sends and subscriptions use them. */
        CONNECTED,
        /** Revoked at X, or refused by X's token endpoint: an admin must connect the account again. */
        NEEDS_RECONNECT
    }

    @Id
    @Column(name = "interaction_id")
    public String interactionId;

    @Enumerated(EnumType.STRING)
    public Status status;

    /** Sealed. */
    @Column(name = "access_token")
    public String accessToken;

    /** Sealed. */
    @Column(name = "refresh_token")
    public String refreshToken;

    @Column(name = "expires_at")
    public Instant expiresAt;

    public String scope;

    @Column(name = "x_user_id")
    public String xUserId;

    /** Why it needs a new connection (no secret, no person). */
    public String reason;

    @Column(name = "connected_by")
    public String connectedBy;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Override
    public String toString() {
        return "XGrant[" + interactionId + ", " + status + ", tokens=****]";
    }
}
