package dev.homelab.plan;

import dev.homelab.catalog.OptionCatalog;
import dev.homelab.nix.Binding;
import dev.homelab.nix.NixData;
import dev.homelab.nix.OptionLeaf;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options a spec writes under {@code nixos:} (a host's, a service's): as the plan writes
 * them, and refused where they belong to a module flake the host does not import.
 */
public final class OwnOptions {

  private OwnOptions() {}

  /**
   * The options as bindings, typed by the option catalog (a package named where a package
   * goes becomes {@code pkgs.<name>}), the first with a comment naming where they come from.
   */
  public static List<Binding> bindings(Map<String, Object> nixos, String specPath) {
    return bindings(nixos, specPath, OptionCatalog.builtIn());
  }

  /** As above, typed by the catalog of the tree the options are set in (nix-darwin for {@code darwin:}). */
  public static List<Binding> bindings(Map<String, Object> nixos, String specPath, OptionCatalog catalog) {
    List<Binding> own = new ArrayList<>(catalog.typed(NixData.bindings(nixos)));
    if (!own.isEmpty()) {
      own.set(0, own.get(0).withComment(List.of("From the spec (" + specPath + ").")));
    }
    return own;
  }

  /**
   * An error per top-level key that sets an option of a module flake the host does not
   * import: NixOS would not know the option.
   */
  public static List<Notice> unimported(String host, String specPath, Map<String, Object> nixos, Set<ModuleFlake> imported) {
    List<Notice> out = new ArrayList<>();
    for (Map.Entry<String, Object> e : nixos.entrySet()) {
      if (e.getValue() == null) {
        continue;
      }
      for (OptionLeaf leaf : OptionLeaf.flatten(NixData.bindings(Map.of(e.getKey(), e.getValue())))) {
        String repo = OptionCatalog.builtIn().flakeOf(leaf.path());
        if (repo == null) {
          continue;
        }
        ModuleFlake flake = ModuleFlake.ofRepo(repo).orElse(null);
        if (flake != null && imported.contains(flake)) {
          continue;
        }
        String hint = flake == null
            ? "the generated flake never adds " + repo + ", so its options cannot be set here"
            : "homelab imports " + flake.input + " only where it is used: " + flake.importedWhen;
        out.add(new Notice("HL0390", specPath + "." + e.getKey(), "`" + OptionCatalog.display(leaf.path()) + "` is an option of "
            + repo + ", which host `" + host + "` does not import", hint, true));
        break;
      }
    }
    return out;
  }
}
