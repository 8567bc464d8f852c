package dev.homelab.validate.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Backup schedules are systemd calendar expressions; anything else is refused with a reason. */
class CalendarExpressionTest {

  @ParameterizedTest
  @ValueSource(strings = {"daily", "weekly", "monthly", "hourly", "Mon *-*-* 03:00", "Sun 03:00", "Mon..Fri 02:30",
      "Sat,Sun 04:00", "*-*-* 02:00:00", "*:0/15", "03:00", "*-*-01 04:00", "2026-01-31 23:59:59", "Sun 03:00 UTC",
      "Mon 03:00 Europe/Berlin", "Fri", "Mon..Sat 01:00"})
  void acceptsCalendarEvents(String s) {
    assertThat(BackupSchedule.calendarProblem(s)).as(s).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"garbage", "every day", "Mon 25:00", "Sun 03:61", "*-13-01 03:00", "Funday 03:00", "03:00 Mon",
      "", " daily", "*-*-* 02:00:00:00", "Mon..Tue..Wed 03:00", "rm -rf /", "Sun 03:00 $(reboot)"})
  void refusesAnythingElse(String s) {
    assertThat(BackupSchedule.calendarProblem(s)).as(s).isNotNull();
  }
}
