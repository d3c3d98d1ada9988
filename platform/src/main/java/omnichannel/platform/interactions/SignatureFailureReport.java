package omnichannel.platform.interactions;

import java.time.Instant;
import java.util.List;

/**
 * What one gateway replica counted since its last report: webhooks with a bad signature per interaction, and when
 * the last one came. config-service adds the reports of every replica up, per hour, for the console's health panel.
 */
public record SignatureFailureReport(List<Count> counts) {

    /** At most this many interactions per report; a replica sends the rest in the next one. */
    public static final int MAX_COUNTS = 500;

    public record Count(String interactionId, long failures, Instant lastAt) {
    }
}
