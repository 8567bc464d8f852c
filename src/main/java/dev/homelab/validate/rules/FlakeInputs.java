package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.catalog.OptionCatalog;
import dev.homelab.model.FlakeInput;
import dev.homelab.nix.NixData;
import dev.homelab.nix.NixFormat;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * HL0406: an input of {@code flake.inputs} is declared in a shape the generated flake can
 * write: a name that is a Nix identifier and not one of the inputs homelab itself adds; a
 * {@code url} that is a flake reference to a repository ({@code github:}, {@code gitlab:},
 * {@code sourcehut:}, {@code git+https://}, {@code git+ssh://}, {@code https://} archives;
 * never {@code path:}, which would make the flake depend on a folder outside it); a module
 * and an overlay that are attributes of the input itself; option prefixes that are attribute
 * paths NixOS and the catalog do not already own.
 */
public final class FlakeInputs implements Rule {

  /** Inputs the generated flake adds itself: the spec may not declare them. */
  public static final List<String> BUILT_IN = List.of("self", "nixpkgs", "sops-nix", "quadlet-nix", "vpn-confinement", "disko",
      "impermanence", "nixos-hardware", "home-manager", "nix-darwin", "deploy-rs", "colmena");

  private static final Pattern URL = Pattern.compile(
      "(github|gitlab):[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(/[A-Za-z0-9_./-]+)?(\\?[A-Za-z0-9_.=&/-]+)?"
          + "|sourcehut:~[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(/[A-Za-z0-9_./-]+)?(\\?[A-Za-z0-9_.=&/-]+)?"
          + "|(git\\+https|git\\+ssh|https|tarball\\+https)://[A-Za-z0-9_.@:-]+(/[A-Za-z0-9_.~@+-]+)*/?(\\?[A-Za-z0-9_.=&/-]+)?");

  @Override
  public String id() {
    return "HL0406";
  }

  @Override
  public void check(RuleContext ctx) {
    ctx.spec().flake().inputs().forEach((name, in) -> {
      String at = SourceMap.path("flake", "inputs", name);
      if (BUILT_IN.contains(name)) {
        ctx.errorAtKey(at, "`" + name + "` is an input homelab adds itself where the spec needs it",
            "drop it: homelab declares `" + name + "` and imports its module on the hosts that use it; name your own inputs otherwise");
        return;
      }
      if (!NixFormat.isIdentifier(name) || !name.matches("[a-z][a-z0-9-]*")) {
        ctx.errorAtKey(at, "`" + name + "` is not a name for an input", "use lowercase letters, digits and `-`, starting with a letter");
        return;
      }
      if (in == null || in.url() == null) {
        ctx.errorAtKey(at, "input `" + name + "` has no `url`", "add `url: github:OWNER/REPO`");
        return;
      }
      url(ctx, at, in.url());
      reference(ctx, SourceMap.path(at, "modules", "nixos"), name, in.modules().nixos(), "stylix.nixosModules.stylix");
      reference(ctx, SourceMap.child(at, "overlay"), name, in.overlay(), "nur.overlays.default");
      options(ctx, at, name, in);
    });
  }

  private static void url(RuleContext ctx, String at, String url) {
    if (URL.matcher(url).matches()) {
      return;
    }
    String where = SourceMap.child(at, "url");
    if (url.startsWith("path:") || url.startsWith("/") || url.startsWith(".")) {
      ctx.error(where, "`" + url + "` is a path: the flake would build only where that folder exists",
          "push it to a repository and name that (`github:OWNER/REPO`, `git+https://...`), or put its module under the flake and list it in `imports:`");
    } else {
      ctx.error(where, "`" + url + "` is not a flake reference homelab writes",
          "use `github:OWNER/REPO[/REF]`, `gitlab:...`, `sourcehut:~OWNER/REPO`, `git+https://HOST/PATH` or `git+ssh://...`");
    }
  }

  private static void reference(RuleContext ctx, String at, String input, String ref, String example) {
    if (ref == null) {
      return;
    }
    String[] parts = ref.split("\\.", -1);
    boolean ok = parts.length >= 2 && parts[0].equals(input);
    for (String p : parts) {
      ok &= NixFormat.isIdentifier(p);
    }
    if (!ok) {
      ctx.error(at, "`" + ref + "` is not an attribute of input `" + input + "`",
          "write the attribute path from the input's name, such as `" + example.replaceFirst("^[a-z]+", input) + "`");
    }
  }

  private static void options(RuleContext ctx, String at, String input, FlakeInput in) {
    List<String> prefixes = in.options();
    if (!prefixes.isEmpty() && in.modules().nixos() == null) {
      ctx.errorAtKey(SourceMap.child(at, "options"), "input `" + input + "` declares options but gives no NixOS module",
          "add `modules: { nixos: " + input + ".nixosModules.default }` (the module that declares them)");
    }
    for (int i = 0; i < prefixes.size(); i++) {
      String p = prefixes.get(i);
      String where = SourceMap.child(at, "options") + "[" + i + "]";
      List<String> path = p == null ? List.of() : NixData.path(p);
      boolean ok = !path.isEmpty() && path.stream().allMatch(NixFormat::isIdentifier);
      if (!ok) {
        ctx.error(where, "`" + p + "` is not an option prefix", "write the attribute path the module declares its options under, such as `programs.nvf`");
      } else if (OptionCatalog.builtIn().lists(path)) {
        ctx.error(where, "`" + p + "` holds options of NixOS (or of a module flake homelab adds), which the option catalog checks",
            "name the prefix only the input's module declares options under (`stylix`, `programs.nvf`)");
      }
    }
  }

  /** The input names the spec declares. */
  static Map<String, FlakeInput> inputs(RuleContext ctx) {
    return ctx.spec().flake().inputs();
  }
}
