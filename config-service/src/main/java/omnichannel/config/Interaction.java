package omnichannel.config;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import omnichannel.events.Channel;

/**
 * One configured channel account ("Interação Omnichannel"). Its id is random and part of a public callback URL, so it
 * never changes. A deleted interaction keeps its row ({@code deletedAt} set) for audit.
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

    /** Secret: never logged, never returned by the admin API, never put in an event. */
    @Column(name = "twilio_auth_token")
    public String twilioAuthToken;

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
