package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.model.Secret;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;
import java.util.Map;

/**
 * HL0385: a declared secret whose {@code mode} lets more than its reader read its file on the
 * host: any permission for others (every user and service of the host), or read permission for
 * a {@code group} other than its {@code owner} (every member of that group). A secret's file is
 * its owner's ({@code 0400}), or its owner's and its owner's own group's ({@code 0440}).
 */
public final class SecretFileMode implements Rule {

  @Override
  public String id() {
    return "HL0385";
  }

  @Override
  public void check(RuleContext ctx) {
    for (Map.Entry<String, Secret> e : ctx.spec().secrets().entrySet()) {
      Secret s = e.getValue();
      if (s == null || s.mode() == null || !s.mode().matches("0[0-7]{3}")) {
        continue;
      }
      int group = s.mode().charAt(2) - '0';
      int others = s.mode().charAt(3) - '0';
      String at = SourceMap.path("secrets", e.getKey(), "mode");
      if (others != 0) {
        ctx.warning(at, "secret `" + e.getKey() + "` has mode " + s.mode() + ": every user and service of the host"
            + (others >= 4 ? " can read it" : " has access to its file"),
            "use `0400` (its owner only), or `0440` for its owner's own group; give a second reader a secret of its own");
      } else if ((group & 4) != 0 && s.group() != null && s.owner() != null && !s.group().equals(s.owner())) {
        ctx.warning(at, "secret `" + e.getKey() + "` has mode " + s.mode() + " and group `" + s.group()
            + "`: every member of `" + s.group() + "`, not only `" + s.owner() + "`, can read it",
            "use `0400`, or leave `group` out (the owner's own group); give a second reader a secret of its own");
      }
    }
  }
}
