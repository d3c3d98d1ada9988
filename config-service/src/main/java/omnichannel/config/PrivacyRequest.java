package omnichannel.config;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One privacy request an admin made (an export or an erasure of a person's data): who, when, and what each service
 * answered (rows by table, or why it failed). Never who the person was.
 */
@Entity
@Table(name = "privacy_request")
public class PrivacyRequest {

    @Id
    public UUID id;

    /** {@code EXPORT} or {@code ERASURE}. */
    public String action;

    public String actor;

    public Instant at;

    /** {@code COMPLETE}, or {@code PARTIAL} when a service could not be reached (the request may be repeated). */
    public String outcome;

    /** Each service's answer as JSON: row counts by table, or the problem. */
    public String services;
}
