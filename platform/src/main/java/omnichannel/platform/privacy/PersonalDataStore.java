package omnichannel.platform.privacy;

import java.time.Duration;
import java.util.Map;

import io.smallrye.mutiny.Uni;

/**
 * A service's personal data (LGPD Art. 18 and retention), one implementation per service that keeps any: what it holds
 * about a person, its erasure (delete, or anonymise where a row must stay to keep a send from repeating), and the
 * scheduled purge of what is past the retention period ({@code omnichannel.platform.retention.period}).
 */
public interface PersonalDataStore {

    /** Every row that names the person, by table. */
    Uni<PersonData> export(PersonIdentities person);

    /** Deletes or anonymises every row that names the person, in one transaction; the counts by table name no one. */
    Uni<PersonData> erase(PersonIdentities person);

    /** Deletes what is older than {@code period}; the counts by table. */
    Uni<Map<String, Integer>> purge(Duration period);
}
