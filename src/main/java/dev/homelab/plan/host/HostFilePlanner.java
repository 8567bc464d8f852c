package dev.homelab.plan.host;

import dev.homelab.catalog.EffectiveService;
import dev.homelab.model.BootLoader;
import dev.homelab.model.Gpu;
import dev.homelab.nix.NixValue;
import dev.homelab.plan.Bindings;
import dev.homelab.plan.HostContext;
import dev.homelab.plan.NixModule;
import dev.homelab.plan.OwnOptions;
import dev.homelab.plan.Ownership;
import dev.homelab.plan.PlannedFile;
import dev.homelab.plan.storage.DiskoPlanner;
import dev.homelab.plan.storage.ImpermanencePlanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Plans {@code hosts/<host>/default.nix} (host facts and the imports of every file of the
 * host) and the two files created once for the user: {@code hardware-configuration.nix}
 * and {@code local.nix}.
 */
public final class HostFilePlanner {

  /** Groups NixOS always has (nixos/modules/misc/ids.nix); services join them, nobody declares them. */
  private static final List<String> SYSTEM_GROUPS = List.of("audio", "input", "kvm", "render", "video", "wheel", "users");

  private HostFilePlanner() {}

  /** True for a group services share files through (not one NixOS always has, such as a device group). */
  public static boolean sharesFiles(String group) {
    return !SYSTEM_GROUPS.contains(group);
  }

  public static PlannedFile plan(HostContext ctx) {
    List<NixValue> imports = new ArrayList<>();
    imports.add(new NixValue.Path("./hardware-configuration.nix"));
    imports.add(new NixValue.Path("./local.nix"));
    ctx.imports.forEach(i -> imports.add(new NixValue.Path(i)));
    imports.add(new NixValue.Path("../../modules/base.nix"));
    // The user's own module files, relative to the flake's root (hosts.<host>.imports).
    ctx.host.imports().forEach(i -> imports.add(new NixValue.Path("../../" + i)));

    Bindings b = new Bindings();
    b.set("imports", NixValue.list(imports));
    Bindings net = new Bindings().str("hostName", ctx.name);
    if (ctx.host.hostId() != null) {
      net.comment((ctx.host.usesZfs() || ImpermanencePlanner.zfsRoot(ctx.host) != null ? "ZFS needs a stable host id" : "The host id") + " (hosts." + ctx.name + ".hostId).")
          .str("hostId", ctx.host.hostId());
    }
    b.set("networking", net.attrs());
    if (ctx.host.role() == dev.homelab.model.Role.PI) {
      // A Pi boots through extlinux: role.nix sets its loader.
    } else if (ctx.host.boot().loader() == BootLoader.GRUB) {
      Bindings grub = new Bindings().bool("enable", true);
      if (ctx.host.boot().device() != null) {
        grub.str("device", ctx.host.boot().device());
      }
      b.set("boot.loader.grub", grub.attrs());
    } else {
      b.set("boot.loader", new Bindings()
          .bool("systemd-boot.enable", true)
          .bool("efi.canTouchEfiVariables", true)
          .attrs());
    }
    if (ctx.host.hardware().gpu() == Gpu.INTEL) {
      b.comment("Intel Quick Sync: the VA-API (iHD) and oneVPL drivers for hardware transcoding.")
          .set("hardware.graphics", new Bindings()
              .bool("enable", true)
              .set("extraPackages", NixValue.list(List.of(
                  new NixValue.Ref("pkgs.intel-media-driver"), new NixValue.Ref("pkgs.vpl-gpu-rt"))))
              .attrs());
    }
    List<String> unfree = ctx.services.stream().filter(EffectiveService::deployed)
        .flatMap(s -> s.descriptor().unfree().stream()).distinct().sorted().toList();
    if (!unfree.isEmpty()) {
      b.comment("Unfree packages of this host's services, and only those. nixpkgs merges its config"
              + " shallowly: a predicate set in local.nix replaces this one, so list these names there too.")
          .set("nixpkgs.config.allowUnfreePredicate", new NixValue.NameIn(unfree));
    }
    List<String> own = ctx.groups.stream().filter(HostFilePlanner::sharesFiles).toList();
    if (!own.isEmpty()) {
      Bindings groups = new Bindings();
      for (String g : own) {
        groups.set(List.of(g), new NixValue.Attrs(List.of()));
      }
      b.comment("Groups services share files through.").set("users.groups", groups.attrs());
    }
    if (!ctx.secrets.isEmpty()) {
      b.comment("Your sops-encrypted values; secrets/" + ctx.name + ".required.yaml lists what goes in.")
          .set("sops.defaultSopsFile", new NixValue.Path("../../secrets/" + ctx.name + ".yaml"));
    }
    b.comment("The release this host was installed with (hosts." + ctx.name + ".stateVersion).")
        .str("system.stateVersion", ctx.host.stateVersion());
    List<dev.homelab.nix.Binding> bindings = b.build();
    if (!ctx.host.nixos().isEmpty()) {
      bindings = dev.homelab.nix.BindingMerger.override(bindings,
          OwnOptions.bindings(ctx.host.nixos(), "hosts." + ctx.name + ".nixos"));
    }
    return new PlannedFile("hosts/" + ctx.name + "/default.nix", Ownership.GENERATED, "hosts/default.nix.ftl",
        Map.of("module", new NixModule(ctx.nixHeader(), List.of(), bindings), "host", ctx.name));
  }

  public static PlannedFile hardware(HostContext ctx) {
    return new PlannedFile("hosts/" + ctx.name + "/hardware-configuration.nix", Ownership.CREATED_ONCE,
        "hosts/hardware-configuration.nix.ftl", Map.of("host", ctx.name, "pools", ctx.datasets.pools(),
            "diskoRoot", DiskoPlanner.btrfsRoot(ctx.host) != null,
            "zfsRoot", ImpermanencePlanner.zfsRoot(ctx.host) == null ? "" : DiskoPlanner.zfsRootLaidOut(ctx.host) != null
                ? "disko.nix" : "impermanence.nix"));
  }

  public static PlannedFile local(HostContext ctx) {
    return new PlannedFile("hosts/" + ctx.name + "/local.nix", Ownership.CREATED_ONCE, "hosts/local.nix.ftl",
        Map.of("host", ctx.name));
  }
}
