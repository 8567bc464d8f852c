package dev.homelab.testing;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a generated Nix file says about a systemd unit's dependencies. */
public final class UnitOrdering {

  private UnitOrdering() {}

  /** The body of {@code systemd.services.<unit> = { ... };} in a file, or null. */
  public static String unit(String nix, String unit) {
    String name = unit.matches("[A-Za-z_][A-Za-z0-9_'-]*") ? unit : "\"" + unit + "\"";
    Matcher m = Pattern.compile("(?m)^  systemd\\.services\\." + Pattern.quote(name) + " = \\{\\n(.*?)\\n  };", Pattern.DOTALL)
        .matcher(nix);
    return m.find() ? m.group(1) : null;
  }

  /** True when the unit {@code requires} and is ordered {@code after} the datasets unit in this file. */
  public static boolean requiresDatasets(String nix, String unit) {
    String body = unit(nix, unit);
    return body != null && body.contains("requires = [ \"homelab-datasets.service\" ];")
        && body.contains("after = [ \"homelab-datasets.service\" ];");
  }

  /** True when the unit {@code wants} and is ordered {@code after} the datasets unit in this file. */
  public static boolean wantsDatasets(String nix, String unit) {
    String body = unit(nix, unit);
    return body != null && body.contains("wants = [ \"homelab-datasets.service\" ];")
        && body.contains("after = [ \"homelab-datasets.service\" ];");
  }
}
