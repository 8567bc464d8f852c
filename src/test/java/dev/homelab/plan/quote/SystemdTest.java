package dev.homelab.plan.quote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.homelab.testing.Tool;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Systemd}'s unit names are systemd's own ({@code systemd-escape --path}), and values keep their {@code %}. */
class SystemdTest {

  @Test
  void pathsEscapeAsSystemdEscapesThem() {
    Tool.require("systemd-escape", "systemd");
    List<String> paths = List.of("/dev/mapper/cryptroot", "/dev/disk/by-id/nvme-Samsung_SSD_980_PRO_1TB_S5GXNF0R123456X-part2",
        "/dev/disk/by-partlabel/disk-system-root", "/srv/.hidden/x", "/.dotdir", "/a b/c\\d", "/ünï/cødé", "/a:b_c.d",
        "/%h/$x/`y`", "/tank//data/", "/");
    for (String p : paths) {
      String expected = QuotingFixtures.run(List.of("systemd-escape", "--path", p), "").strip();
      assertThat(Systemd.escapePath(p)).as(p).isEqualTo(expected);
    }
    assertThat(Systemd.deviceUnit("/dev/mapper/cryptroot")).isEqualTo("dev-mapper-cryptroot.device");
  }

  @Test
  void aValueKeepsItsPercentSigns() {
    assertThat(Systemd.value("!/srv/50%/%h")).isEqualTo("!/srv/50%%/%%h");
    assertThatThrownBy(() -> Systemd.value("a\nb")).isInstanceOf(IllegalArgumentException.class);
  }
}
