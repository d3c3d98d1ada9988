package omnichannel.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One measured figure next to its bar.
 *
 * @param id the bar's id in quality.md (P1…P5)
 * @param figure what was measured, in words and numbers
 * @param baseline the same-run baseline it is compared with
 * @param ratio figure / baseline
 * @param met whether the bar is met
 * @param raw every number the run produced, for the raw data file
 * @param charts the PNG charts of this figure, relative to the repository's root
 */
record Result(String id, String title, String bar, String figure, String baseline, String ratio, boolean met,
        String notes, Map<String, Object> raw, List<String> charts) {

    Result {
        charts = charts == null ? List.of() : List.copyOf(charts);
    }

    static Map<String, Object> numbers() {
        return new LinkedHashMap<>();
    }
}
