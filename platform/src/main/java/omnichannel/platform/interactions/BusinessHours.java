package omnichannel.platform.interactions;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * When an interaction's people are attended: hours per day of the week in a time zone, and holidays by date. Outside
 * them a new ticket's acknowledgement says so ({@code outOfHoursText}, or the bridge's Portuguese default) and the
 * ticket is still opened. An interaction without business hours is always attended.
 *
 * @param timeZone an IANA zone, e.g. {@code America/Sao_Paulo}
 * @param weekly per day, intervals {@code "HH:mm-HH:mm"} (end after start; {@code 24:00} ends at midnight); a day
 *        absent or empty is closed all day
 * @param holidays ISO dates ({@code 2026-12-25}) closed all day
 * @param outOfHoursText the acknowledgement outside the hours, {@code {ticket}} standing for the ticket's number;
 *        null for the default
 */
public record BusinessHours(String timeZone, Map<DayOfWeek, List<String>> weekly, List<String> holidays,
        String outOfHoursText) {

    /** At most this many intervals a day, holidays and characters of text: an admin's setting, not a data store. */
    public static final int MAX_INTERVALS = 6;
    public static final int MAX_HOLIDAYS = 400;
    public static final int MAX_TEXT = 1000;

    public BusinessHours {
        // one order (Monday first), so that equal hours are stored as equal text
        Map<DayOfWeek, List<String>> days = new EnumMap<>(DayOfWeek.class);
        if (weekly != null) {
            weekly.forEach((day, intervals) -> {
                if (day != null) {
                    days.put(day, intervals == null ? List.of() : texts(intervals));
                }
            });
        }
        weekly = Collections.unmodifiableMap(days);
        holidays = holidays == null ? List.of() : texts(holidays);
    }

    /** A copy in which a null item (JSON's null in a list) is an empty text, reported by {@link #problems()}. */
    private static List<String> texts(List<String> items) {
        return items.stream().map(item -> item == null ? "" : item).toList();
    }

    /** Every broken rule; empty when the hours are usable. */
    public List<FieldProblem> problems() {
        List<FieldProblem> problems = new ArrayList<>();
        if (timeZone == null || timeZone.isBlank()) {
            problems.add(new FieldProblem("timeZone", "is required, e.g. America/Sao_Paulo"));
        } else {
            try {
                ZoneId.of(timeZone);
            } catch (DateTimeException e) {
                problems.add(new FieldProblem("timeZone", "is not a known time zone (e.g. America/Sao_Paulo)"));
            }
        }
        weekly.forEach((day, intervals) -> {
            String field = "weekly." + day;
            if (intervals == null) {
                return;
            }
            if (intervals.size() > MAX_INTERVALS) {
                problems.add(new FieldProblem(field, "has more than " + MAX_INTERVALS + " intervals"));
                return;
            }
            List<int[]> parsed = new ArrayList<>();
            for (String interval : intervals) {
                int[] minutes = minutes(interval);
                if (minutes == null) {
                    problems.add(new FieldProblem(field, "'" + shorten(interval) + "' is not an interval HH:mm-HH:mm with "
                            + "the end after the start"));
                    return;
                }
                for (int[] other : parsed) {
                    if (minutes[0] < other[1] && other[0] < minutes[1]) {
                        problems.add(new FieldProblem(field, "has overlapping intervals"));
                        return;
                    }
                }
                parsed.add(minutes);
            }
        });
        if (holidays.size() > MAX_HOLIDAYS) {
            problems.add(new FieldProblem("holidays", "has more than " + MAX_HOLIDAYS + " dates"));
        } else {
            for (String holiday : holidays) {
                try {
                    LocalDate.parse(holiday == null ? "" : holiday);
                } catch (DateTimeParseException e) {
                    problems.add(new FieldProblem("holidays", "'" + shorten(holiday) + "' is not a date YYYY-MM-DD"));
                    break;
                }
            }
        }
        if (outOfHoursText != null && (outOfHoursText.isBlank() || outOfHoursText.length() > MAX_TEXT)) {
            problems.add(new FieldProblem("outOfHoursText", "must be 1 to " + MAX_TEXT + " characters, or absent"));
        }
        return problems;
    }

    /** Whether {@code at} falls in the hours; hours with problems count as always open (they are never stored). */
    public boolean isOpen(Instant at) {
        ZonedDateTime local;
        try {
            local = at.atZone(ZoneId.of(timeZone));
        } catch (DateTimeException | NullPointerException e) {
            return true;
        }
        if (holidays.contains(local.toLocalDate().toString())) {
            return false;
        }
        List<String> intervals = weekly.get(local.getDayOfWeek());
        if (intervals == null) {
            return false;
        }
        int minute = local.getHour() * 60 + local.getMinute();
        return intervals.stream().map(BusinessHours::minutes)
                .anyMatch(range -> range != null && range[0] <= minute && minute < range[1]);
    }

    /** The week as the console shows it: per day, intervals joined by ", ". */
    @JsonIgnore
    public Map<DayOfWeek, String> weekText() {
        Map<DayOfWeek, String> text = new EnumMap<>(DayOfWeek.class);
        weekly.forEach((day, intervals) -> text.put(day, intervals == null ? "" : String.join(", ", intervals)));
        return text;
    }

    /** Start and end in minutes of the day, or null when not an interval. */
    private static int[] minutes(String interval) {
        if (interval == null) {
            return null;
        }
        String[] ends = interval.strip().split("-", -1);
        if (ends.length != 2) {
            return null;
        }
        try {
            int start = LocalTime.parse(ends[0].strip()).toSecondOfDay() / 60;
            int end = ends[1].strip().equals("24:00") ? 24 * 60 : LocalTime.parse(ends[1].strip()).toSecondOfDay() / 60;
            return end > start ? new int[]{start, end} : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String shorten(String value) {
        return value == null ? "" : value.length() > 20 ? value.substring(0, 20) + "…" : value;
    }
}
