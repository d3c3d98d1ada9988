package omnichannel.platform.privacy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;

/**
 * What one service holds about a person, row by row and table by table (the export), or how many rows of each table it
 * erased or anonymised (the erasure's report, which names no one).
 */
public record PersonData(String service, Map<String, List<Map<String, Object>>> tables, Map<String, Integer> erased) {

    /**
     * A table's rows as column → value maps, values as text (timestamps ISO-8601), for the export (a reactive client's
     * {@code RowSet}: its {@code getDelegate()} for the Mutiny one).
     */
    public static List<Map<String, Object>> rows(RowSet<Row> rows) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Row row : rows) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (int i = 0; i < row.size(); i++) {
                Object value = row.getValue(i);
                values.put(row.getColumnName(i), value == null || value instanceof Boolean || value instanceof Number
                        ? value
                        : value.toString());
            }
            list.add(values);
        }
        return list;
    }
}
