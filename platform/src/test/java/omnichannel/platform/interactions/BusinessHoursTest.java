package omnichannel.platform.interactions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class BusinessHoursTest {

    /** Weekdays 08:00–12:00 and 13:00–18:00, Saturday morning, in São Paulo (UTC−3); Christmas closed. */
    static final BusinessHours HOURS = new BusinessHours("America/Sao_Paulo",
            Map.of(DayOfWeek.MONDAY, List.of("08:00-12:00", "13:00-18:00"), DayOfWeek.FRIDAY, List.of("08:00-18:00"),
                    DayOfWeek.SATURDAY, List.of("08:00-12:00"), DayOfWeek.SUNDAY, List.of()),
            List.of("2026-12-25"), null);

    @Test
    void openOnlyInsideTheDaysIntervalsInTheInteractionsTimeZone() {
        assertThat(HOURS.isOpen(Instant.parse("2026-11-30T11:00:00Z"))).as("Monday 08:00 local").isTrue();
        assertThat(HOURS.isOpen(Instant.parse("2026-11-30T10:59:00Z"))).as("Monday 07:59 local").isFalse();
        assertThat(HOURS.isOpen(Instant.parse("2026-11-30T15:30:00Z"))).as("Monday 12:30, lunch").isFalse();
        assertThat(HOURS.isOpen(Instant.parse("2026-11-30T20:59:00Z"))).as("Monday 17:59").isTrue();
        assertThat(HOURS.isOpen(Instant.parse("2026-11-30T21:00:00Z"))).as("Monday 18:00, the end excluded").isFalse();
        assertThat(HOURS.isOpen(Instant.parse("2026-11-30T02:00:00Z"))).as("Sunday 23:00 local, Monday in UTC")
                .isFalse();
        assertThat(HOURS.isOpen(Instant.parse("2026-12-01T14:00:00Z"))).as("Tuesday: not listed").isFalse();
        assertThat(HOURS.isOpen(Instant.parse("2026-12-25T14:00:00Z"))).as("Christmas, a Friday").isFalse();
        assertThat(HOURS.isOpen(Instant.parse("2026-12-18T14:00:00Z"))).as("the Friday before").isTrue();
        assertThat(new BusinessHours("UTC", Map.of(DayOfWeek.MONDAY, List.of("00:00-24:00")), null, null)
                .isOpen(Instant.parse("2026-11-30T23:59:00Z"))).as("24:00 ends at midnight").isTrue();
    }

    @Test
    void everyBrokenRuleIsReportedByField() {
        BusinessHours broken = new BusinessHours("Mars/Olympus",
                Map.of(DayOfWeek.MONDAY, List.of("18:00-08:00"), DayOfWeek.TUESDAY, List.of("08:00-12:00", "11:00-13:00"),
                        DayOfWeek.WEDNESDAY, List.of("8h-12h")),
                List.of("25/12/2026"), " ");

        assertThat(broken.problems()).extracting(FieldProblem::field).containsExactlyInAnyOrder("timeZone",
                "weekly.MONDAY", "weekly.TUESDAY", "weekly.WEDNESDAY", "holidays", "outOfHoursText");
        assertThat(HOURS.problems()).isEmpty();
        assertThat(new BusinessHours("UTC", java.util.Collections.singletonMap(DayOfWeek.MONDAY,
                java.util.Arrays.asList("08:00-12:00", null)), java.util.Arrays.asList((String) null), null).problems())
                .extracting(FieldProblem::field).containsExactly("weekly.MONDAY", "holidays");
        assertThat(new BusinessHours(null, null, null, null).problems()).extracting(FieldProblem::field)
                .containsExactly("timeZone");
    }
}
