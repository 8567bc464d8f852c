package dev.homelab.plan.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How long a backup may go without a run before its alert fires: the longest gap of its calendar. */
class MonitoringPlannerTest {

  private static final long HOUR = 3_600;
  private static final long DAY = 86_400;

  @Test
  void shorthandsByName() {
    assertThat(MonitoringPlanner.periodSeconds("hourly")).isEqualTo(HOUR);
    assertThat(MonitoringPlanner.periodSeconds("daily")).isEqualTo(DAY);
    assertThat(MonitoringPlanner.periodSeconds("weekly")).isEqualTo(7 * DAY);
    assertThat(MonitoringPlanner.periodSeconds("monthly")).isEqualTo(31 * DAY);
  }

  @Test
  void aDailyTimeIsADay() {
    // `at: "03:30"` becomes this calendar.
    assertThat(MonitoringPlanner.periodSeconds("*-*-* 03:30:00")).isEqualTo(DAY);
  }

  @Test
  void weekdayListsByTheirLongestGap() {
    assertThat(MonitoringPlanner.periodSeconds("Sun 06:00")).isEqualTo(7 * DAY);
    // Saturday to Monday.
    assertThat(MonitoringPlanner.periodSeconds("Mon..Sat 01:00")).isEqualTo(2 * DAY);
    assertThat(MonitoringPlanner.periodSeconds("Mon,Thu 02:00")).isEqualTo(4 * DAY);
    // A range across the week's end: Fri, Sat, Sun, Mon; Monday to Friday is the gap.
    assertThat(MonitoringPlanner.periodSeconds("Fri..Mon 02:00")).isEqualTo(4 * DAY);
  }

  @Test
  void hourWildcardIsHourlyAndADayOfTheMonthMonthly() {
    assertThat(MonitoringPlanner.periodSeconds("*-*-* *:15:00")).isEqualTo(HOUR);
    assertThat(MonitoringPlanner.periodSeconds("*-*-01 04:00:00")).isEqualTo(31 * DAY);
  }

  @Test
  void durationsReadAsHoursOrDays() {
    assertThat(MonitoringPlanner.duration(DAY * 3 / 2)).isEqualTo("36h");
    assertThat(MonitoringPlanner.duration(3 * DAY)).isEqualTo("3 days");
    assertThat(MonitoringPlanner.duration(DAY)).isEqualTo("1 day");
  }
}
