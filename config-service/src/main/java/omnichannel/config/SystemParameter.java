package omnichannel.config;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A 4biz system parameter's value, as an admin set it. */
@Entity
@Table(name = "system_parameter")
public class SystemParameter {

    @Id
    public Integer id;

    public String value;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "updated_by")
    public String updatedBy;
}
