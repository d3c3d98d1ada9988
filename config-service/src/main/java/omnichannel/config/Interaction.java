package omnichannel.config;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import omnichannel.events.Channel;
import omnichannel.platform.interactions.DeliveryMode;
import omnichannel.platform.interactions.SignatureMode;

/**
 * One configured channel account ("Interação Omnichannel"). Its id is random and part of a public callback URL, so it
 * never changes. A deleted interaction keeps its row ({@code deletedAt} set) for audit. Secret fields hold
 * ciphertexts only (see {@code SecretBox}).
 */
@Entity
@Table(name = "interaction")
public class Interaction {

    @Id
    public String id;

    @Enumerated(EnumType.STRING)
    public Channel channel;

    public String name;

    @Column(name = "default_unit_id")
    public long defaultUnitId;

    @Column(name = "default_group_id")
    public long defaultGroupId;

    @Column(name = "default_activity_id")
    public long defaultActivityId;

    @Column(name = "contact_origin_id")
    public long contactOriginId;

    @Column(name = "helper_interception")
    public boolean helperInterception;

    public boolean active;

    @Column(name = "whatsapp_number")
    public String whatsappNumber;

    @Column(name = "twilio_account_sid")
    public String twilioAccountSid;

    /** Ciphertext. */
    @Column(name = "twilio_auth_token")
    public String twilioAuthToken;

    /** Sealed; Twilio's secondary Auth Token during a rotation (both validate webhooks), or null. */
    @Column(name = "twilio_secondary_auth_token")
    public String twilioSecondaryAuthToken;

    @Column(name = "template_content_sid")
    public String templateContentSid;

    /** Templates per purpose as JSON ({@code PurposeTemplate} by purpose), or null. */
    @Column(name = "whatsapp_templates")
    public String whatsappTemplates;

    @Column(name = "messages_per_second")
    public BigDecimal messagesPerSecond;

    @Enumerated(EnumType.STRING)
    @Column(name = "signature_mode")
    public SignatureMode signatureMode;

    /** When log-only mode ends by itself (null when enforcing). */
    @Column(name = "signature_log_only_until")
    public Instant signatureLogOnlyUntil;

    @Column(name = "twitter_api_key")
    public String twitterApiKey;

    /** Ciphertext. */
    @Column(name = "twitter_api_secret_key")
    public String twitterApiSecretKey;

    /** Ciphertext. */
    @Column(name = "twitter_access_token")
    public String twitterAccessToken;

    /** Ciphertext. */
    @Column(name = "twitter_access_token_secret")
    public String twitterAccessTokenSecret;

    @Column(name = "twitter_user_id")
    public String twitterUserId;

    @Column(name = "twitter_environment")
    public String twitterEnvironment;

    @Enumerated(EnumType.STRING)
    @Column(name = "twitter_delivery_mode")
    public DeliveryMode twitterDeliveryMode;

    /** The X app's OAuth 2.0 Client ID (developer portal, "Keys and tokens"), for the Activity API mode. */
    @Column(name = "twitter_client_id")
    public String twitterClientId;

    /** Sealed; the OAuth 2.0 Client Secret of a confidential client (Web App, Automated App or bot), or null. */
    @Column(name = "twitter_client_secret")
    public String twitterClientSecret;

    /** An override of X's callback URL, as 4biz allows; null means the derived one. */
    @Column(name = "twitter_callback_url")
    public String twitterCallbackUrl;

    /** The interaction's business hours as JSON ({@code BusinessHours}), or null: always attended. */
    @Column(name = "business_hours")
    public String businessHours;

    /** Which files people's messages may attach, as JSON ({@code MediaPolicy}), or null: the bridge's defaults. */
    @Column(name = "media_policy")
    public String mediaPolicy;

    /** Whose ticket an unknown person's message opens, as JSON ({@code RequesterPolicy}), or null: CREATE. */
    @Column(name = "requester_policy")
    public String requesterPolicy;

    @Version
    public long version;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "deleted_at")
    public Instant deletedAt;

    @Override
    public String toString() {
        return "Interaction[" + id + ", " + channel + ", " + name + "]";
    }
}
