package omnichannel.config;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One change of an interaction: who, when, what kind, and the names of the fields that changed (never values). */
@Entity
@Table(name = "interaction_audit")
public class InteractionAudit {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "interaction_id")
    public String interactionId;

    public String action;

    public String actor;

    /** Comma-separated field names. */
    public String fields;

    public Instant at;
}
